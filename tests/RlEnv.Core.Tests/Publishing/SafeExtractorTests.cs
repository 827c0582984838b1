using System.Formats.Tar;
using System.IO.Abstractions;
using System.IO.Compression;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Publishing;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Tests.Publishing;

public class SafeExtractorTests
{
    private static string Archive(TempDirectory temp, params PaxTarEntry[] entries)
    {
        var path = temp.Combine("a.tar.gz");
        using (var file = System.IO.File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        return path;
    }

    private static PaxTarEntry Member(string name, byte[] data) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };

    public static TheoryData<string> UnsafeKinds() => ["symlink", "hardlink", "fifo", "dotdot", "absolute", "backslash", "duplicate"];

    [Theory]
    [MemberData(nameof(UnsafeKinds))]
    public void Unsafe_member_is_refused(string kind)
    {
        using var temp = new TempDirectory();
        var entry = kind switch
        {
            "symlink" => new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" },
            "hardlink" => new PaxTarEntry(TarEntryType.HardLink, "hard") { LinkName = "a.py" },
            "fifo" => new PaxTarEntry(TarEntryType.Fifo, "pipe"),
            "dotdot" => Member("../escape.py", [1]),
            "absolute" => Member("/tmp/abs.py", [1]),
            "backslash" => Member("dir\\a.py", [1]),
            _ => Member("a.py", [2]),
        };
        var archive = Archive(temp, Member("a.py", [1]), entry);
        var bag = new DiagnosticBag();

        Assert.Null(SafeExtractor.Extract(new FileSystem(), archive, temp.Combine("out"), PackLimits.Hub, bag));
        Assert.Equal(DiagnosticCatalog.PulledArtifactUnsafe.Code, Assert.Single(bag.ToSortedList()).Code);
        Assert.False(System.IO.File.Exists("/tmp/abs.py") && kind == "absolute");
    }

    [Fact]
    public void Bomb_stops_at_the_cap_before_its_data_is_inflated()
    {
        using var temp = new TempDirectory();
        var archive = Archive(temp, Member("big.bin", new byte[3 * 1024 * 1024]));
        var bag = new DiagnosticBag();

        Assert.Null(SafeExtractor.Extract(new FileSystem(), archive, temp.Combine("out"), PackLimits.Hub with { MaxUncompressedBytes = 1024 * 1024 }, bag));
        Assert.Contains("'big.bin' declares 3,145,728 bytes, over the cap of 1,048,576 bytes", Assert.Single(bag.ToSortedList()).Message, StringComparison.Ordinal);
        Assert.False(System.IO.Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void Safe_archive_is_extracted_whole()
    {
        using var temp = new TempDirectory();
        var archive = Archive(temp, new PaxTarEntry(TarEntryType.Directory, "dataset/"), Member("dataset/train.jsonl", "{}\n"u8.ToArray()), Member("environment.py", [1, 2]));

        Assert.Equal(2, SafeExtractor.Extract(new FileSystem(), archive, temp.Combine("out"), PackLimits.Hub, new DiagnosticBag()));
        Assert.Equal("{}\n", System.IO.File.ReadAllText(temp.Combine("out", "dataset", "train.jsonl")));
    }

    private static readonly string[] LinuxOnlyNames = ["CON.txt", "with:colon.txt", "trailing.", "a.py", "A.py", "caf\u00e9.md", "cafe\u0301.md"];

    // Pack only warns about these, since the hub's Linux worker holds them; a pull on Linux extracts each as itself.
    [Fact]
    public void Pull_on_linux_extracts_names_only_windows_or_macos_cannot_hold()
    {
        using var temp = new TempDirectory();
        var archive = Archive(temp, [.. LinuxOnlyNames.Select(n => Member(n, System.Text.Encoding.UTF8.GetBytes(n)))]);
        var bag = new DiagnosticBag();

        Assert.Equal(LinuxOnlyNames.Length, SafeExtractor.Extract(new FileSystem(), archive, temp.Combine("out"), PackLimits.Hub, bag, HostSystem.Linux));
        Assert.Empty(bag.ToSortedList());
        Assert.All(LinuxOnlyNames, n => Assert.Equal(n, System.IO.File.ReadAllText(temp.Combine("out", n))));
    }

    [Theory]
    [InlineData("CON.txt")]
    [InlineData("dataset/aux/x.jsonl")]
    [InlineData("with:colon.txt")]
    [InlineData("trailing.")]
    [InlineData("trailing ")]
    [InlineData("bell\u0007.txt")]
    [InlineData("A.py")]
    public void Pull_on_windows_refuses_a_name_windows_cannot_create_as_itself(string name)
    {
        using var temp = new TempDirectory();
        var archive = Archive(temp, Member("a.py", [1]), Member(name, [2]));
        var bag = new DiagnosticBag();

        Assert.Null(SafeExtractor.Extract(new FileSystem(), archive, temp.Combine("out"), PackLimits.Hub, bag, HostSystem.Windows));
        Assert.Equal(DiagnosticCatalog.PulledArtifactUnsafe.Code, Assert.Single(bag.ToSortedList()).Code);
        Assert.False(System.IO.Directory.Exists(temp.Combine("out")));
    }

    [Theory]
    [InlineData("A.py", "a.py")]
    [InlineData("cafe\u0301.md", "caf\u00e9.md")]
    [InlineData("Data", "data/train.jsonl")]
    public void Pull_on_macos_refuses_case_and_normalization_twins_but_not_windows_only_names(string twin, string first)
    {
        using var temp = new TempDirectory();
        var twins = Archive(temp, Member(first, [1]), Member(twin, [2]));
        var bag = new DiagnosticBag();

        Assert.Null(SafeExtractor.Extract(new FileSystem(), twins, temp.Combine("out"), PackLimits.Hub, bag, HostSystem.MacOs));
        Assert.Equal(DiagnosticCatalog.PulledArtifactUnsafe.Code, Assert.Single(bag.ToSortedList()).Code);

        using var other = new TempDirectory();
        var windowsOnly = Archive(other, Member("CON.txt", [1]), Member("with:colon.txt", [2]), Member("trailing.", [3]));
        Assert.Equal(3, SafeExtractor.Extract(new FileSystem(), windowsOnly, other.Combine("out"), PackLimits.Hub, new DiagnosticBag(), HostSystem.MacOs));
    }
}
