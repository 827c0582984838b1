using System.Buffers.Binary;

namespace RlEnv.Core.Validation;

/// <summary>
/// Checks that every length inside a BSON document fits within it, before BsonJson reads it:
/// MongoDB.Bson, whose reading BsonJson keeps, allocated whatever a string's length prefix claims (a 32-byte document can ask for
/// 512 MiB), so a corrupt file would otherwise defeat the bounded-memory promise.
/// </summary>
internal static class BsonShape
{
    private const int MaxDepth = 100;

    /// <summary>A description of the first structural problem, or null when every length is consistent.</summary>
    public static string? Check(ReadOnlySpan<byte> document) => CheckDocument(document, 0);

    private static string? CheckDocument(ReadOnlySpan<byte> document, int depth)
    {
        if (depth > MaxDepth)
        {
            return "documents nested too deep";
        }

        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length || document[^1] != 0)
        {
            return "a document's length does not match its bytes";
        }

        var at = 4;
        while (at < document.Length - 1)
        {
            var type = document[at++];
            var nameEnd = document[at..].IndexOf((byte)0);
            if (nameEnd < 0)
            {
                return "an element name is not terminated";
            }

            at += nameEnd + 1;
            var size = ValueSize(type, document[at..^1], depth, out var problem);
            if (problem is not null)
            {
                return problem;
            }

            at += size;
        }

        return at == document.Length - 1 ? null : "an element runs past the end of its document";
    }

    private static int ValueSize(byte type, ReadOnlySpan<byte> rest, int depth, out string? problem)
    {
        problem = null;
        switch (type)
        {
            case 0x01 or 0x09 or 0x11 or 0x12: return Fixed(8, rest, out problem);
            case 0x07: return Fixed(12, rest, out problem);
            case 0x08: return Fixed(1, rest, out problem);
            case 0x10: return Fixed(4, rest, out problem);
            case 0x13: return Fixed(16, rest, out problem);
            case 0x06 or 0x0A or 0xFF or 0x7F: return 0;
            case 0x02 or 0x0D or 0x0E: return StringSize(rest, out problem);
            case 0x0C:
                var pointer = StringSize(rest, out problem);
                return problem is null ? pointer + Fixed(12, rest[pointer..], out problem) : 0;
            case 0x03 or 0x04 or 0x0F:
                var length = rest.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(rest) : -1;
                if (length < 5 || length > rest.Length)
                {
                    problem = "an embedded document's length runs past its parent";
                    return 0;
                }

                problem = type == 0x0F ? null : CheckDocument(rest[..length], depth + 1);
                return length;
            case 0x05:
                var binary = rest.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(rest) : -1;
                return binary < 0 ? Fail(out problem) : Fixed(binary + 5, rest, out problem);
            case 0x0B:
                var pattern = rest.IndexOf((byte)0);
                var options = pattern < 0 ? -1 : rest[(pattern + 1)..].IndexOf((byte)0);
                return options < 0 ? Fail(out problem) : pattern + options + 2;
            default:
                problem = $"element type 0x{type:X2} is not BSON";
                return 0;
        }
    }

    private static int Fixed(int size, ReadOnlySpan<byte> rest, out string? problem)
    {
        problem = size <= rest.Length ? null : "a value runs past the end of its document";
        return size;
    }

    private static int StringSize(ReadOnlySpan<byte> rest, out string? problem)
    {
        var length = rest.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(rest) : -1;
        problem = length >= 1 && length <= rest.Length - 4 ? null : "a string's length runs past the end of its document";
        return problem is null ? length + 4 : 0;
    }

    private static int Fail(out string problem)
    {
        problem = "a value runs past the end of its document";
        return 0;
    }
}
