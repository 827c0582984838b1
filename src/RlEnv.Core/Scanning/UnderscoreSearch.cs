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
        var i = 0;
        if (Vector256.IsHardwareAccelerated && span.Length >= Vector256<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(span);
            var underscore = Vector256.Create((byte)'_');
            var newline = Vector256.Create((byte)'\n');
            var last = span.Length - Vector256<byte>.Count;
            for (; i <= last; i += Vector256<byte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref start, (nuint)i);
                var found = Vector256.Equals(bytes, underscore).ExtractMostSignificantBits();
                var lines = Vector256.Equals(bytes, newline).ExtractMostSignificantBits();
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
