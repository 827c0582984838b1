using System.IO.Hashing;
using System.Text.Json;

namespace RlEnv.Core.Validation;

/// <summary>
/// The keys of every open object in the record being read, as slices of its bytes with a 64-bit hash,
/// so duplicate detection allocates nothing per record. One per thread, reused record after record.
/// Escaped names are unescaped into a side buffer first, so "a" and "\u0061" are the same key.
/// </summary>
internal sealed class KeyTracker
{
    [ThreadStatic]
    private static KeyTracker? t_current;

    private readonly List<(int Start, int Length, ulong Hash)> _keys = [];
    private readonly Stack<int> _frames = new();
    private byte[] _unescaped = new byte[256];
    private int _unescapedLength;

    public static KeyTracker Rent()
    {
        var tracker = t_current ??= new KeyTracker();
        tracker._keys.Clear();
        tracker._frames.Clear();
        tracker._unescapedLength = 0;
        return tracker;
    }

    public void Push() => _frames.Push(_keys.Count);

    public void Pop()
    {
        if (_frames.Count > 0)
        {
            _keys.RemoveRange(_frames.Peek(), _keys.Count - _frames.Pop());
        }
    }

    /// <summary>Adds the current property name to the innermost object; false when it is already there.</summary>
    public bool Add(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start;
        int length;
        ReadOnlySpan<byte> name;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            var needed = _unescapedLength + (int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length);
            if (needed > _unescaped.Length)
            {
                Array.Resize(ref _unescaped, Math.Max(needed, _unescaped.Length * 2));
            }

            length = reader.CopyString(_unescaped.AsSpan(_unescapedLength));
            start = -1 - _unescapedLength;
            name = _unescaped.AsSpan(_unescapedLength, length);
            _unescapedLength += length;
        }
        else
        {
            start = (int)reader.TokenStartIndex + 1;
            length = reader.ValueSpan.Length;
            name = reader.ValueSpan;
        }

        var hash = XxHash3.HashToUInt64(name);
        var frame = _frames.Count > 0 ? _frames.Peek() : 0;
        for (var i = frame; i < _keys.Count; i++)
        {
            var key = _keys[i];
            if (key.Hash == hash && key.Length == length && Slice(key.Start, key.Length, json).SequenceEqual(name))
            {
                return false;
            }
        }

        _keys.Add((start, length, hash));
        return true;
    }

    private ReadOnlySpan<byte> Slice(int start, int length, ReadOnlySpan<byte> json) =>
        start >= 0 ? json.Slice(start, length) : _unescaped.AsSpan(-1 - start, length);
}
