using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.IO.Hashing;
using System.Text;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;
using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation;

/// <summary>
/// Duplicate and leakage findings keep memory bounded by bytes (digests spill to temp files past a budget) and stay
/// exactly what the one-entry-per-input dictionary gave. Every DatasetEnvironment and ProjectFiles validation in the
/// other tests also runs once more with a 1-byte budget and must report the same (see <see cref="SpillEquivalence"/>).
/// </summary>
public class InputDigestSpillTests
{
    public static TheoryData<int, int> Streams => new()
    {
        { 1, 1 },
        { 2, 7 },
        { 3, 300 },
        { 4, 2_000 },
        { 5, 5_000 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Findings_equal_the_dictionary_they_replace_in_memory_and_spilled(int seed, int distinct)
    {
        var (train, other) = (RandomStream(seed, distinct), RandomStream(seed + 100, distinct));
        var expected = (Reference.Duplicates(train), Reference.Duplicates(other), Reference.Shared(other, train), (long)Reference.Build(other).Count);

        foreach (var budgetBytes in new long[] { InputDigestBudget.DefaultBytes, 4_000, 1 })
        {
            using var budget = new InputDigestBudget(new MockFileSystem(), budgetBytes);
            var (trainDigests, otherDigests) = (Fill(budget, train), Fill(budget, other));

            var actual = (trainDigests.Duplicates(), otherDigests.Duplicates(), otherDigests.SharedWith(trainDigests), otherDigests.Distinct());

            Assert.Equal(expected, actual);
            Assert.True(budgetBytes > 1 || distinct < 7 || budget.Spills > 0);
        }
    }

    [Fact]
    public void More_runs_than_the_fan_in_are_merged_in_passes_with_the_same_findings()
    {
        var stream = RandomStream(7, 3_000);
        using var budget = new InputDigestBudget(new MockFileSystem(), 1);

        var digests = Fill(budget, stream);

        Assert.True(budget.Spills > 4 * DigestSpillFile.MaxFanIn, $"{budget.Spills} runs");
        Assert.Equal(Reference.Duplicates(stream), digests.Duplicates());
        Assert.Equal(Reference.Build(stream).Count, digests.Distinct());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_size_hint_of_a_few_inputs_still_takes_any_number_of_them(long hint)
    {
        // A hint from a file of unknown size (or a first block denser than the rest) once made a one-slot table whose
        // probe for a second input never ended.
        using var budget = new InputDigestBudget(new MockFileSystem(), InputDigestBudget.DefaultBytes);
        var digests = new InputDigests(budget);
        digests.Reserve(hint);

        for (var i = 0; i < 5_000; i++)
        {
            digests.Add(Hash(i), i + 1);
        }

        Assert.Equal(5_000, digests.Distinct());
    }

    [Fact]
    public void The_tables_never_hold_more_than_the_budget_whatever_the_number_of_inputs()
    {
        const long budgetBytes = 256 * 1024;
        using var budget = new InputDigestBudget(new MockFileSystem(), budgetBytes);
        var first = new InputDigests(budget);
        var second = new InputDigests(budget);

        for (var i = 0; i < 200_000; i++)
        {
            (i % 3 == 0 ? second : first).Add(Hash(i), i + 1);
            Assert.True(first.TableBytes + second.TableBytes <= budgetBytes);
        }

        Assert.True(budget.Spills > 10);

        // The temp file holds at most 56 bytes per distinct input a run wrote (a hash and four varints).
        var spilled = first.SpillFile!.Value.Bytes + second.SpillFile!.Value.Bytes;
        Assert.True(spilled <= 200_000L * 56, $"{spilled:N0} bytes on disk");
    }

    [Fact]
    public void A_generated_dataset_with_many_duplicates_and_leaks_reports_the_same_spilled_and_counts_right()
    {
        var random = new Random(11);
        var trainInputs = Enumerable.Range(0, 6_000).Select(_ => $"question {random.Next(2_500)}").ToArray();
        var evalInputs = Enumerable.Range(0, 1_500).Select(_ => $"question {random.Next(2_000, 4_000)}").ToArray();

        // One line holds all of test.json's records: every record is on line 1, so first appearance breaks the ties.
        var testInputs = Enumerable.Range(0, 300).Select(_ => $"question {random.Next(3_000)}").ToArray();
        var result = new DatasetEnvironment()
            .Lines("dataset/train.jsonl", [.. trainInputs.Select(Record)])
            .Lines("dataset/eval.jsonl", [.. evalInputs.Select(Record)])
            .Text("dataset/test.json", "[" + string.Join(",", testInputs.Select(Record)) + "]")
            .Validate(); // validates again with a 1-byte budget and compares

        var duplicates = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.DuplicateInputs.Code).ToDictionary(d => d.File!);
        var leaks = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.SplitLeakage.Code).ToDictionary(d => d.File!);
        Assert.Equal(ExpectedDuplicates(trainInputs), duplicates["dataset/train.jsonl"].Message);
        Assert.Equal(ExpectedDuplicates(evalInputs), duplicates["dataset/eval.jsonl"].Message);
        Assert.StartsWith($"{evalInputs.Distinct().Count(trainInputs.Contains):N0} inputs of split 'eval' also appear in train", leaks["dataset/eval.jsonl"].Message, StringComparison.Ordinal);
        Assert.Contains($"First: line {Array.FindIndex(evalInputs, trainInputs.Contains) + 1}, as train line {Array.IndexOf(trainInputs, evalInputs.First(trainInputs.Contains)) + 1}.", leaks["dataset/eval.jsonl"].Message, StringComparison.Ordinal);
        Assert.Contains($"{testInputs.Distinct().Count(trainInputs.Contains):N0} inputs of split 'test'", leaks["dataset/test.json"].Message, StringComparison.Ordinal);

        static string Record(string input) => $"{{\"input\":\"{input}\"}}";
    }

    // Issue 15: the split files share one merge lane, so the next file is read while the last one's blocks still merge;
    // a JSON array file (validated on the reading thread) waits for them. Files of several blocks, in path order
    // eval.jsonl, test.json, train.jsonl, in memory and spilled: every count and first line as computed here.
    [Fact]
    public void Files_of_many_blocks_read_while_the_previous_file_still_merges_report_every_duplicate_and_leak()
    {
        var random = new Random(15);
        var padding = new string('p', 120);
        var trainInputs = Enumerable.Range(0, 24_000).Select(_ => $"question {random.Next(16_000)}").ToArray();
        var evalInputs = Enumerable.Range(0, 16_000).Select(_ => $"question {random.Next(12_000, 36_000)}").ToArray();
        var testInputs = Enumerable.Range(0, 2_000).Select(_ => $"question {random.Next(40_000, 60_000)}").ToArray();
        var result = new DatasetEnvironment()
            .Lines("dataset/train.jsonl", [.. trainInputs.Select(Record)])
            .Lines("dataset/eval.jsonl", [.. evalInputs.Select(Record)])
            .Text("dataset/test.json", "[" + string.Join(",\n", testInputs.Select(Record)) + "]")
            .Validate();

        var train = trainInputs.ToHashSet(StringComparer.Ordinal);
        var duplicates = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.DuplicateInputs.Code).ToDictionary(d => d.File!);
        var leaks = result.Diagnostics.Where(d => d.Code == DiagnosticCatalog.SplitLeakage.Code).ToDictionary(d => d.File!);
        Assert.Equal(ExpectedDuplicates(trainInputs), duplicates["dataset/train.jsonl"].Message);
        Assert.Equal(ExpectedDuplicates(evalInputs), duplicates["dataset/eval.jsonl"].Message);
        Assert.Equal(ExpectedDuplicates(testInputs), duplicates["dataset/test.json"].Message);
        Assert.StartsWith($"{evalInputs.Distinct().Count(train.Contains):N0} inputs of split 'eval' also appear in train", leaks["dataset/eval.jsonl"].Message, StringComparison.Ordinal);
        Assert.Contains($"First: line {Array.FindIndex(evalInputs, train.Contains) + 1}, as train line {Array.IndexOf(trainInputs, evalInputs.First(train.Contains)) + 1}.", leaks["dataset/eval.jsonl"].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dataset/test.json", leaks.Keys);
        Assert.Equal([(16_000L, "dataset/eval.jsonl"), (2_000L, "dataset/test.json"), (24_000L, "dataset/train.jsonl")], result.Splits.Select(s => (s.Rows, s.Path)));

        string Record(string input) => $"{{\"input\":\"{input}\",\"output\":\"{padding}\"}}";
    }

    [Fact]
    public void On_a_mock_file_system_the_spill_file_is_in_the_temp_folder_until_disposed()
    {
        var fileSystem = new MockFileSystem();
        var budget = new InputDigestBudget(fileSystem, 1);
        var digests = Fill(budget, RandomStream(3, 50));

        var (path, _) = digests.SpillFile!.Value;
        Assert.Equal(fileSystem.Path.GetTempPath().TrimEnd('/'), fileSystem.Path.GetDirectoryName(path));
        Assert.True(fileSystem.File.Exists(path));

        budget.Dispose();
        Assert.False(fileSystem.File.Exists(path));
    }

    private static string ExpectedDuplicates(string[] inputs)
    {
        var groups = inputs.Select((input, index) => (input, line: index + 1)).GroupBy(p => p.input).Where(g => g.Count() > 1).ToList();
        var first = groups.MinBy(g => g.ElementAt(1).line)!;
        return $"{groups.Count:N0} inputs occur more than once ({groups.Sum(g => g.Count() - 1):N0} extra rows); the first repeat is line {first.ElementAt(1).line}, a copy of line {first.First().line}.";
    }

    private static InputDigests Fill(InputDigestBudget budget, List<(UInt128 Hash, long Line)> stream)
    {
        var digests = new InputDigests(budget);
        foreach (var (hash, line) in stream)
        {
            digests.Add(hash, line);
        }

        return digests;
    }

    private static UInt128 Hash(int value) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Inputs from a pool of <paramref name="distinct"/>, lines mostly rising, several records on some lines, some lines out of order.</summary>
    private static List<(UInt128 Hash, long Line)> RandomStream(int seed, int distinct)
    {
        var random = new Random(seed);
        var stream = new List<(UInt128, long)>();
        long line = 1;
        for (var i = 0; i < distinct * 3; i++)
        {
            line += random.Next(4) == 0 ? 0 : 1;
            var at = random.Next(20) == 0 ? random.NextInt64(1, line + 1) : line;
            stream.Add((Hash(random.Next(distinct)), at));
        }

        return stream;
    }

    /// <summary>The code these digests replaced: one dictionary entry per distinct input, enumerated in insertion order.</summary>
    private static class Reference
    {
        public static Dictionary<UInt128, (long First, long Second, long Count)> Build(List<(UInt128 Hash, long Line)> stream)
        {
            var inputs = new Dictionary<UInt128, (long First, long Second, long Count)>();
            foreach (var (hash, line) in stream)
            {
                inputs[hash] = inputs.TryGetValue(hash, out var seen)
                    ? line < seen.First
                        ? (line, seen.First, seen.Count + 1)
                        : (seen.First, seen.Second == 0 || line < seen.Second ? line : seen.Second, seen.Count + 1)
                    : (line, 0, 1);
            }

            return inputs;
        }

        public static DuplicateInputs? Duplicates(List<(UInt128 Hash, long Line)> stream)
        {
            var repeated = Build(stream).Values.Where(v => v.Count > 1).ToList();
            if (repeated.Count == 0)
            {
                return null;
            }

            var first = repeated.MinBy(v => v.Second);
            return new DuplicateInputs(repeated.Count, repeated.Sum(v => v.Count - 1), first.Second, first.First);
        }

        public static SharedInputs? Shared(List<(UInt128 Hash, long Line)> other, List<(UInt128 Hash, long Line)> train)
        {
            var (mine, theirs) = (Build(other), Build(train));
            var shared = mine.Where(p => theirs.ContainsKey(p.Key)).ToList();
            if (shared.Count == 0)
            {
                return null;
            }

            var first = shared.MinBy(p => p.Value.First);
            return new SharedInputs(shared.Count, first.Value.First, theirs[first.Key].First);
        }
    }
}

[CollectionDefinition(nameof(SpillFileLifetimeTests), DisableParallelization = true)]
public class SpillFileLifetimeRunsAlone;

/// <summary>Runs alone: it counts this process's open file descriptors on the temp files (Linux: /proc/self/fd).</summary>
[Collection(nameof(SpillFileLifetimeTests))]
public class SpillFileLifetimeTests
{
    [Fact]
    public void On_unix_the_spill_file_has_no_name_while_open_and_no_descriptor_once_disposed()
    {
        var budget = new InputDigestBudget(new FileSystem(), 1);
        var digests = new InputDigests(budget);
        for (var i = 0; i < 100; i++)
        {
            digests.Add((UInt128)(ulong)i * 0x9E3779B97F4A7C15UL, i + 1);
        }

        var (path, _) = digests.SpillFile!.Value;
        Assert.StartsWith(Path.GetTempPath(), path, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Single(OpenDescriptorsOn(path));

        budget.Dispose();
        Assert.Empty(OpenDescriptorsOn(path));
    }

    [Fact]
    public void A_pack_that_fails_after_spilling_leaves_no_spill_file_open()
    {
        using var env = new RealEnvironment();
        env.Write("dataset/train.jsonl", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"{{\"input\":\"q{i % 700}\",\"output\":\"b\"}}\n")));
        var before = OpenDescriptorsOn(Path.Combine(Path.GetTempPath(), "rlenv-digests-")).Count;

        var result = env.Pack(r => r with { Limits = r.Limits with { MaxCompressedBytes = 1024 }, Validation = r.Validation with { InputDigestBytes = 1 } });

        Assert.Equal("RLENV1604", RealEnvironment.SingleError(result).Code);
        Assert.Equal(before, OpenDescriptorsOn(Path.Combine(Path.GetTempPath(), "rlenv-digests-")).Count);
    }

    private static List<string> OpenDescriptorsOn(string pathPrefix) =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => { try { return fd.LinkTarget ?? string.Empty; } catch (IOException) { return string.Empty; } })
            .Where(target => target.StartsWith(pathPrefix, StringComparison.Ordinal))];
}
