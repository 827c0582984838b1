using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RlEnv.Core.Validation;

internal static class Utf8Check
{
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n\v\f"u8);

    /// <summary>The offset of the first byte that is not valid UTF-8, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(Whitespace) < 0;
}
