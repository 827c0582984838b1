using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RlEnv.Core.Scanning;

/// <summary>
/// Finds the next '_' and counts the newlines before it in one pass. The token scanner needs both for every byte
/// of every packed file (where a token prefix may end, and which line it is on); as two searches they were two
/// reads of each chunk on the reading thread.
/// </summary>
internal static class UnderscoreSearch
{
    /// <summary>The index of the first '_' in <paramref name="span"/>, or -1; adds the newlines before it (all of them when none).</summary>
    public static int IndexOf(ReadOnlySpan<byte> span, ref long newlines)
    {
        // 128-bit vectors, two at a time: the baseline of every x64 and Arm64 target, so the native tool (built for that
        // baseline, where wider vectors are not known to be there) runs this loop, and so do the tests.
        const int Step = 2 * 16;
        var i = 0;
        if (Vector128.IsHardwareAccelerated && span.Length >= Step)
        {
            ref var start = ref MemoryMarshal.GetReference(span);
            var underscore = Vector128.Create((byte)'_');
            var newline = Vector128.Create((byte)'\n');
            var last = span.Length - Step;
            for (; i <= last; i += Step)
            {
                var low = Vector128.LoadUnsafe(ref start, (nuint)i);
                var high = Vector128.LoadUnsafe(ref start, (nuint)(i + 16));
                var found = Vector128.Equals(low, underscore).ExtractMostSignificantBits()
                    | (Vector128.Equals(high, underscore).ExtractMostSignificantBits() << 16);
                var lines = Vector128.Equals(low, newline).ExtractMostSignificantBits()
                    | (Vector128.Equals(high, newline).ExtractMostSignificantBits() << 16);
                if (found != 0)
                {
                    var at = BitOperations.TrailingZeroCount(found);
                    newlines += BitOperations.PopCount(lines & ((1u << at) - 1));
                    return i + at;
                }

                newlines += BitOperations.PopCount(lines);
            }
        }

        var rest = span[i..];
        var index = rest.IndexOf((byte)'_');
        newlines += (index < 0 ? rest : rest[..index]).Count((byte)'\n');
        return index < 0 ? -1 : i + index;
    }
}
