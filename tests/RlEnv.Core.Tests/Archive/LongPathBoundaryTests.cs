using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using RlEnv.Core.Archive;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Archive;

/// <summary>
/// File names around the 100-byte ustar name field: a '/' that lands on the field's last byte (byte 100 of the
/// name, or byte 89 once "PaxHeaders/" is put in front) used to make the truncated fallback look like a folder.
/// </summary>
public class LongPathBoundaryTests
{
    public static TheoryData<int> Lengths => new() { 98, 99, 100, 101, 102, 150, 250 };

    /// <summary>Every path of this many bytes that has one '/' (at each position in turn) between 'a's.</summary>
    private static List<string> PathsWithOneSlash(int length) =>
        [.. Enumerable.Range(1, length - 2).Select(slash => new string('a', slash) + "/" + new string('a', length - slash - 1))];

    private static byte[] Write(IEnumerable<string> paths)
    {
        using var output = new MemoryStream();
        var writer = new DeterministicTarWriter(output, DateTime.UnixEpoch);
        foreach (var path in paths)
        {
            var content = Encoding.UTF8.GetBytes(path);
            writer.BeginFile(path, content.Length, executable: false);
            writer.Write(content);
            writer.CloseEntry();
        }

        writer.Finish();
        return output.ToArray();
    }

    private static List<(string Name, TarEntryType Type, string Content)> ReadWithSystemFormatsTar(byte[] archive)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        var entries = new List<(string, TarEntryType, string)>();
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? string.Empty : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();
            entries.Add((entry.Name, entry.EntryType, content));
        }

        return entries;
    }

    private static string[] ListWithGnuTar(byte[] archive)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("a.tar");
        File.WriteAllBytes(path, archive);
        return TempDirectory.Shell($"tar --warning=all -tf '{path}' 2>&1").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static long Expected(IEnumerable<string> paths) =>
        TarLayout.EndOfArchiveBytes + paths.Sum(p => TarLayout.EntryBytes(p, Encoding.UTF8.GetByteCount(p)));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void File_paths_with_a_slash_at_every_position_round_trip_through_both_readers(int length)
    {
        var paths = PathsWithOneSlash(length);

        var archive = Write(paths);

        Assert.Equal(Expected(paths), archive.Length);
        Assert.Equal(paths.Select(p => (p, TarEntryType.RegularFile, p)), ReadWithSystemFormatsTar(archive));
        Assert.Equal(paths, ListWithGnuTar(archive));
    }

    [Theory]
    [InlineData("é")] // 2 bytes
    [InlineData("€")] // 3 bytes
    [InlineData("😀")] // 4 bytes, a surrogate pair in .NET
    public void Multibyte_characters_straddling_bytes_89_and_100_round_trip(string character)
    {
        var width = Encoding.UTF8.GetByteCount(character);
        var paths = new List<string>();
        foreach (var boundary in new[] { 89, 100 })
        {
            // The character starts at every byte from which it would cross the boundary, then a '/' right after it.
            for (var start = boundary - width + 1; start <= boundary; start++)
            {
                paths.Add(new string('b', start - 1) + character + "/tail.txt");
                paths.Add(new string('c', start - 1) + character + new string('c', 30));
            }
        }

        var archive = Write(paths);

        Assert.Equal(Expected(paths), archive.Length);
        Assert.Equal(paths.Select(p => (p, TarEntryType.RegularFile)), ReadWithSystemFormatsTar(archive).Select(e => (e.Name, e.Type)));
        Assert.Equal(paths, ListWithGnuTar(archive));
    }

    [Fact]
    public void Fallback_names_fit_the_field_and_a_file_fallback_never_ends_with_a_slash()
    {
        for (var slash = 1; slash < 130; slash++)
        {
            var name = new string('a', slash) + "/" + new string('a', 130 - slash);
            var file = TarLayout.FileNameFallback(name);
            var pax = TarLayout.FileNameFallback("PaxHeaders/" + name);
            Assert.True(Encoding.UTF8.GetByteCount(file) <= TarLayout.NameFieldBytes && !file.EndsWith('/'), file);
            Assert.True(Encoding.UTF8.GetByteCount(pax) <= TarLayout.NameFieldBytes && !pax.EndsWith('/'), pax);
        }
    }

    [Fact]
    public void A_two_hundred_level_nested_tree_packs_and_reads_back()
    {
        using var env = new RealEnvironment();
        var deep = string.Join('/', Enumerable.Repeat("d", 200));
        env.Write($"dataset/{deep}/leaf.txt", "deep\n");

        var result = env.Pack();

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Core.Diagnostics.Severity.Error);
        using var gzip = new GZipStream(File.OpenRead(result.ArtifactPath!), CompressionMode.Decompress);
        using var buffered = new MemoryStream();
        gzip.CopyTo(buffered);
        var names = ReadWithSystemFormatsTar(buffered.ToArray()).Select(e => e.Name).ToList();
        // Files only, as flash env push writes them: the 201 folders are made by whoever extracts the leaf.
        Assert.Equal(new[] { "README.md", $"dataset/{deep}/leaf.txt", "environment.py" }, names.Order(StringComparer.Ordinal));
        var sizes = result.Manifest!.Files.ToDictionary(f => f.Path, f => f.Size);
        var predicted = TarLayout.EndOfArchiveBytes + names.Sum(n => TarLayout.EntryBytes(n, sizes[n]));
        Assert.Equal(predicted, buffered.Length);
        Assert.Contains($"dataset/{deep}/leaf.txt", TempDirectory.Shell($"tar --warning=all -tzf '{result.ArtifactPath}' 2>&1"), StringComparison.Ordinal);
    }
}
