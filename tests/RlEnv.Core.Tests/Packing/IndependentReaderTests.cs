using System.Formats.Tar;
using System.IO.Compression;
using RlEnv.Core.Archive;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Packing;

public class IndependentReaderTests
{
    private static readonly string LongName = "dataset/" + new string('p', 140) + ".jsonl";

    private static RealEnvironment Sample()
    {
        var env = new RealEnvironment();
        env.Write("helpers.py", "X = 1\n");
        env.Write("dataset/train.jsonl", "{\"input\":\"a\"}\n");
        env.Write(LongName, "{\"input\":\"b\"}\n");
        var tool = env.Write("tool.py", "print(1)\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return env;
    }

    [Fact]
    public void System_formats_tar_reads_names_modes_owners_and_mtimes()
    {
        using var env = Sample();

        var result = env.Pack();

        using var reader = new TarReader(new GZipStream(File.OpenRead(result.ArtifactPath!), CompressionMode.Decompress));
        var entries = new List<(string, TarEntryType, string, int, int, string, string, long)>();
        while (reader.GetNextEntry() is { } entry)
        {
            var posix = Assert.IsAssignableFrom<PosixTarEntry>(entry);
            entries.Add((entry.Name, entry.EntryType, Convert.ToString((int)entry.Mode, 8), entry.Uid, entry.Gid, posix.UserName, posix.GroupName, entry.ModificationTime.ToUnixTimeSeconds()));
        }

        // Files only, as flash env push writes them; README.md is the stub RlEnv writes when there is none.
        Assert.Equal(
        [
            ("README.md", TarEntryType.RegularFile, "644", 0, 0, "", "", 0L),
            ("dataset/" + new string('p', 140) + ".jsonl", TarEntryType.RegularFile, "644", 0, 0, "", "", 0L),
            ("dataset/train.jsonl", TarEntryType.RegularFile, "644", 0, 0, "", "", 0L),
            ("environment.py", TarEntryType.RegularFile, "644", 0, 0, "", "", 0L),
            ("helpers.py", TarEntryType.RegularFile, "644", 0, 0, "", "", 0L),
            ("tool.py", TarEntryType.RegularFile, "755", 0, 0, "", "", 0L),
        ], entries);
    }

    [Fact]
    public void Gnu_tar_lists_the_archive_without_warnings()
    {
        using var env = Sample();

        var result = env.Pack();

        var listing = TempDirectory.Shell($"tar --warning=all -tzvf '{result.ArtifactPath}' 2>&1");
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^-rw[x-]r-[x-]r-[x-] 0/0 +\d+ 1970-01-01 00:00 ", l));
        Assert.EndsWith("README.md", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(LongName, lines[1], StringComparison.Ordinal);
        Assert.StartsWith("-rwxr-xr-x 0/0", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_header_is_fixed_and_the_stream_is_multi_member_valid_gzip()
    {
        using var env = Sample();

        var result = env.Pack();

        var bytes = File.ReadAllBytes(result.ArtifactPath!);
        Assert.Equal(new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff }, bytes[..10]);
        TempDirectory.Shell($"gzip -t '{result.ArtifactPath}'");
    }

    [Fact]
    public void Decompressed_tar_size_is_exactly_what_the_layout_predicts()
    {
        using var env = Sample();

        var result = env.Pack();

        using var gzip = new GZipStream(File.OpenRead(result.ArtifactPath!), CompressionMode.Decompress);
        var actual = 0L;
        var buffer = new byte[65536];
        for (int read; (read = gzip.Read(buffer)) > 0;)
        {
            actual += read;
        }

        var predicted = TarLayout.EndOfArchiveBytes + result.Manifest!.Files.Sum(f => TarLayout.EntryBytes(f.Path, f.Size));
        Assert.Equal(predicted, actual);
    }

    [Fact]
    public void Python_tarfile_extracts_with_the_data_filter()
    {
        using var env = Sample();
        var result = env.Pack();
        var target = Path.Combine(env.Output, "extracted");

        TempDirectory.Shell($"python3 -c \"import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter='data')\" '{result.ArtifactPath}' '{target}'");

        Assert.True(File.Exists(Path.Combine(target, LongName)));
        Assert.Equal("X = 1\n", File.ReadAllText(Path.Combine(target, "helpers.py")));
    }
}
