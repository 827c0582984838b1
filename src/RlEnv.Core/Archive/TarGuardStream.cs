using System.Text;
using RlEnv.Core.Packing;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Archive;

/// <summary>
/// A read-only pass-through stream between the decompressor and System.Formats.Tar's TarReader. TarReader
/// holds PAX and GNU long-name data whole in memory and stops silently at a bad checksum, so a crafted
/// artifact of a few hundred KB can cost gigabytes or hide members. This guard follows the tar stream's
/// 512-byte blocks by position alone (however the reader chunks its reads), and validates every header
/// block before the reader gets a byte of it: checksum, numeric fields, member type, extended-header
/// size, and the caps. It never lets the reader parse a block that it has not validated as a header.
/// </summary>
public sealed class TarGuardStream : Stream
{
    public const int BlockSize = 512;

    /// <summary>Linux's PATH_MAX is 4 KiB; a PAX record adds its key and length, so 8 KiB holds any real name.</summary>
    public const int MaxExtendedHeaderBytes = 8 * 1024;

    private const int NameOffset = 0;
    private const int NameLength = 100;
    private const int ModeOffset = 100;
    private const int UidOffset = 108;
    private const int GidOffset = 116;
    private const int IdLength = 8;
    private const int SizeOffset = 124;
    private const int SizeLength = 12;
    private const int MtimeOffset = 136;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeOffset = 156;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345;
    private const int PrefixLength = 155;

    private readonly Stream _inner;
    private readonly PackLimits _limits;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[BlockSize];
    private readonly byte[] _extended = new byte[MaxExtendedHeaderBytes];

    private State _state = State.AtHeader;
    private bool _ended;
    private long _position;
    private int _headerOffset;
    private long _dataRemaining;
    private byte _capturing;
    private int _capturedLength;
    private int _captureTarget;

    // Metadata that TarReader applies to the next real member; the guard must apply it the same way to
    // know where that member's data ends.
    private bool _pendingPax;
    private bool _pendingLongName;
    private bool _pendingLongLink;
    private long? _paxSize;
    private string? _paxPath;
    private string? _longName;
    private string? _lastMember;

    public TarGuardStream(Stream inner, PackLimits limits, bool leaveOpen = false)
    {
        _inner = inner;
        _limits = limits;
        _leaveOpen = leaveOpen;
    }

    private enum State
    {
        AtHeader,
        InHeader,
        InData,
        Ended,
    }

    /// <summary>Real members (files, folders, links, ...) seen so far; extended headers are not members.</summary>
    public int Members { get; private set; }

    /// <summary>The sum of the declared sizes of the file members seen so far.</summary>
    public long DeclaredFileBytes { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_state == State.AtHeader)
        {
            LoadHeader();
        }

        switch (_state)
        {
            case State.InHeader:
            {
                var n = Math.Min(buffer.Length, BlockSize - _headerOffset);
                _header.AsSpan(_headerOffset, n).CopyTo(buffer);
                _headerOffset += n;
                _position += n;
                if (_headerOffset == BlockSize)
                {
                    _state = _ended ? State.Ended : _dataRemaining > 0 ? State.InData : State.AtHeader;
                }

                return n;
            }

            case State.InData:
            {
                var want = (int)Math.Min(buffer.Length, _dataRemaining);
                var read = _inner.Read(buffer[..want]);
                if (read == 0)
                {
                    throw Corrupt($"The archive is truncated inside the data of '{Shown(_lastMember)}'.");
                }

                Capture(buffer[..read]);
                _position += read;
                _dataRemaining -= read;
                if (_dataRemaining == 0)
                {
                    _state = State.AtHeader;
                }

                return read;
            }

            default:
                return ReadAfterEnd(buffer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>After the end-of-archive block only zero padding may follow, still within the tar-stream bound.</summary>
    private int ReadAfterEnd(Span<byte> buffer)
    {
        var room = _limits.MaxTarStreamBytes - _position;
        if (room <= 0)
        {
            throw OverCap($"The decompressed tar stream runs past the bound of {_limits.MaxTarStreamBytes:N0} bytes.");
        }

        var read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, room)]);
        if (buffer[..read].ContainsAnyExcept((byte)0))
        {
            throw Corrupt("The archive holds data after its end-of-archive marker.");
        }

        _position += read;
        return read;
    }

    private void Capture(ReadOnlySpan<byte> data)
    {
        if (_capturing == 0 || _capturedLength >= _captureTarget)
        {
            return;
        }

        var n = Math.Min(data.Length, _captureTarget - _capturedLength);
        data[..n].CopyTo(_extended.AsSpan(_capturedLength));
        _capturedLength += n;
    }

    private void LoadHeader()
    {
        if (_position + BlockSize > _limits.MaxTarStreamBytes)
        {
            throw OverCap($"The decompressed tar stream runs past the bound of {_limits.MaxTarStreamBytes:N0} bytes (headers included).");
        }

        var filled = 0;
        while (filled < BlockSize)
        {
            var read = _inner.Read(_header.AsSpan(filled));
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (filled == 0)
        {
            throw Corrupt("The archive ends without an end-of-archive marker: it is truncated.");
        }

        if (filled < BlockSize)
        {
            throw Corrupt("The archive is truncated inside a header.");
        }

        if (_capturing != 0)
        {
            ApplyCaptured();
        }

        _headerOffset = 0;
        _dataRemaining = 0;
        _state = State.InHeader;
        if (!_header.AsSpan().ContainsAnyExcept((byte)0))
        {
            if (_pendingPax || _pendingLongName || _pendingLongLink)
            {
                throw Corrupt($"An extended header after '{Shown(_lastMember)}' is not followed by a member.");
            }

            // The reader stops at this block; whatever it reads next goes through ReadAfterEnd.
            _ended = true;
            return;
        }

        Validate();
    }

    private void Validate()
    {
        var header = _header.AsSpan();
        var headerName = HeaderName(header);
        if (!VerifyChecksum(header))
        {
            throw Corrupt($"The header of '{Shown(headerName)}' has a bad checksum: the artifact is corrupt.", headerName);
        }

        if (!header.Slice(MagicOffset, 5).SequenceEqual("ustar"u8))
        {
            throw Corrupt($"The header of '{Shown(headerName)}' is not a ustar, PAX or GNU tar header.", headerName);
        }

        var type = header[TypeOffset];
        if (!TryParseNumber(header.Slice(SizeOffset, SizeLength), out var size)
            || !TryParseNumber(header.Slice(ModeOffset, IdLength), out _)
            || !TryParseNumber(header.Slice(UidOffset, IdLength), out _)
            || !TryParseNumber(header.Slice(GidOffset, IdLength), out _)
            || !TryParseNumber(header.Slice(MtimeOffset, SizeLength), out _))
        {
            throw Corrupt($"The header of '{Shown(headerName)}' has a malformed numeric field (size, mode, uid, gid or mtime).", headerName);
        }

        if (type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K')
        {
            StartExtended(type, size, headerName);
            return;
        }

        var name = _paxPath ?? _longName ?? headerName;
        size = _paxSize ?? size;
        _pendingPax = _pendingLongName = _pendingLongLink = false;
        _paxSize = null;
        _paxPath = null;
        _longName = null;
        _lastMember = name;

        if (++Members > _limits.MaxMembers)
        {
            throw OverCap($"The artifact holds more than {_limits.MaxMembers:N0} members, the hub's cap; reading stopped at '{Shown(name)}'.", name);
        }

        switch (type)
        {
            case (byte)'0' or 0 or (byte)'7':
                if (size > _limits.MaxUncompressedBytes)
                {
                    throw OverCap($"'{Shown(name)}' declares {size:N0} bytes, over the cap of {_limits.MaxUncompressedBytes:N0} bytes uncompressed; it was not read.", name);
                }

                DeclaredFileBytes += size;
                if (DeclaredFileBytes > _limits.MaxUncompressedBytes)
                {
                    throw OverCap($"The members' sizes add up past the cap of {_limits.MaxUncompressedBytes:N0} bytes uncompressed at '{Shown(name)}'.", name);
                }

                break;
            case (byte)'1' or (byte)'2' or (byte)'3' or (byte)'4' or (byte)'5' or (byte)'6':
                if (size != 0)
                {
                    throw Corrupt($"'{Shown(name)}' is a link, device, folder or FIFO that declares {size:N0} bytes of data.", name);
                }

                break;
            default:
                throw new TarGuardException(TarGuardProblem.Unsafe,
                    $"'{Shown(name)}' has the tar member type '{Printable(type)}', which is not a regular file or folder; the hub refuses it.", name);
        }

        SetData(size, name);
    }

    private void StartExtended(byte type, long size, string headerName)
    {
        var after = _lastMember is null ? "at the start of the archive" : $"after '{Shown(_lastMember)}'";
        if (size > MaxExtendedHeaderBytes)
        {
            var what = type is (byte)'x' or (byte)'g' ? "PAX extended header" : "GNU long-name header";
            throw new TarGuardException(TarGuardProblem.NameTooLong,
                $"A {what} {after} holds {size:N0} bytes: a path or link name longer than 4 KiB, which no hub path needs; it was not read.", _lastMember);
        }

        var misplaced = type switch
        {
            (byte)'x' or (byte)'g' => _pendingPax || _pendingLongName || _pendingLongLink,
            (byte)'L' => _pendingPax || _pendingLongName,
            _ => _pendingPax || _pendingLongLink,
        };
        if (misplaced)
        {
            throw Corrupt($"Extended headers {after} are chained in an order no tar writer produces.", headerName);
        }

        _capturing = type;
        _capturedLength = 0;
        _captureTarget = (int)size;
        SetData(size, headerName);
        if (size == 0)
        {
            ApplyCaptured();
        }
    }

    private void SetData(long size, string name)
    {
        var padded = (size + BlockSize - 1) / BlockSize * BlockSize;
        if (_position + BlockSize + padded > _limits.MaxTarStreamBytes)
        {
            throw OverCap($"'{Shown(name)}' would take the decompressed tar stream past the bound of {_limits.MaxTarStreamBytes:N0} bytes; it was not read.", name);
        }

        _dataRemaining = padded;
    }

    private void ApplyCaptured()
    {
        var type = _capturing;
        var data = _extended.AsSpan(0, _capturedLength);
        _capturing = 0;
        switch (type)
        {
            case (byte)'x':
                _pendingPax = true;
                ParsePax(data, global: false);
                break;
            case (byte)'g':
                ParsePax(data, global: true);
                break;
            case (byte)'L':
                _pendingLongName = true;
                _longName = Decode(Terminated(data));
                break;
            default:
                _pendingLongLink = true;
                break;
        }
    }

    /// <summary>PAX records are "LENGTH KEY=VALUE\n"; only size, path and linkpath change how a member is read or named.</summary>
    private void ParsePax(ReadOnlySpan<byte> data, bool global)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var at = 0;
        while (at < data.Length && data[at] != 0)
        {
            var digits = 0;
            long length = 0;
            while (at + digits < data.Length && data[at + digits] is >= (byte)'0' and <= (byte)'9' && length <= data.Length)
            {
                length = (length * 10) + (data[at + digits] - '0');
                digits++;
            }

            if (digits == 0 || at + digits >= data.Length || data[at + digits] != ' ' || length < digits + 4 || at + length > data.Length || data[at + (int)length - 1] != '\n')
            {
                throw Corrupt($"A PAX extended header after '{Shown(_lastMember)}' holds a malformed record.");
            }

            var record = data.Slice(at + digits + 1, (int)length - digits - 2);
            at += (int)length;
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw Corrupt($"A PAX extended header after '{Shown(_lastMember)}' holds a record without a key.");
            }

            var key = Encoding.UTF8.GetString(record[..equals]);
            var value = record[(equals + 1)..];
            if (!seen.Add(key))
            {
                throw Corrupt($"A PAX extended header after '{Shown(_lastMember)}' sets '{key}' twice.");
            }

            if (key is not ("size" or "path" or "linkpath"))
            {
                continue;
            }

            if (global)
            {
                throw new TarGuardException(TarGuardProblem.Unsafe,
                    $"A global PAX header after '{Shown(_lastMember)}' sets '{key}' for every later member; readers disagree on that, and the hub refuses it.", _lastMember);
            }

            if (key == "size")
            {
                _paxSize = TryParseDecimal(value, out var size)
                    ? size
                    : throw Corrupt($"A PAX extended header after '{Shown(_lastMember)}' has a malformed size.");
                continue;
            }

            var text = Decode(value);
            if (value.Contains((byte)0))
            {
                throw new TarGuardException(TarGuardProblem.Unsafe,
                    $"A PAX {key} '{Shown(text)}' holds a NUL character, which no file system accepts; the hub refuses it.", text);
            }

            if (key == "path")
            {
                _paxPath = text;
            }
        }
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>
    /// Parses a tar numeric field: octal digits (leading spaces, then NUL or space terminators) or GNU
    /// base-256 (high bit of the first byte set). Returns false for anything malformed, negative or past a long.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.IsEmpty)
        {
            return false;
        }

        if ((field[0] & 0x80) != 0)
        {
            // 0x80 marks a positive base-256 number; 0xFF (negative) has no meaning for a size or an id here.
            if (field[0] != 0x80)
            {
                return false;
            }

            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    return false;
                }

                value = (value << 8) | b;
            }

            return true;
        }

        var i = 0;
        while (i < field.Length && field[i] == (byte)' ')
        {
            i++;
        }

        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++)
        {
            if (value > (long.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) | (uint)(field[i] - '0');
        }

        for (; i < field.Length; i++)
        {
            if (field[i] is not (0 or (byte)' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sum of the header's bytes with the checksum field read as spaces; old writers summed signed bytes.</summary>
    private static bool VerifyChecksum(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(ChecksumOffset, ChecksumLength);
        if ((field[0] & 0x80) != 0 || !TryParseNumber(field, out var stored) || !field.ContainsAnyExcept((byte)' ', (byte)0))
        {
            return false;
        }

        long unsigned = 0;
        long signed = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i is >= ChecksumOffset and < ChecksumOffset + ChecksumLength ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }

    private static string HeaderName(ReadOnlySpan<byte> header)
    {
        var name = Decode(Terminated(header.Slice(NameOffset, NameLength)));
        if (header.Slice(MagicOffset, 6).SequenceEqual("ustar\0"u8))
        {
            var prefix = Terminated(header.Slice(PrefixOffset, PrefixLength));
            if (!prefix.IsEmpty)
            {
                return Decode(prefix) + "/" + name;
            }
        }

        return name;
    }

    private static ReadOnlySpan<byte> Terminated(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static string Printable(byte type) => type is >= 0x21 and < 0x7F ? ((char)type).ToString() : $"\\x{type:X2}";

    private static string Shown(string? name) => name is null ? "(start)" : PathPortability.Display(name.Length > 200 ? name[..200] + "..." : name);

    private static TarGuardException Corrupt(string message, string? member = null) => new(TarGuardProblem.Corrupt, message, member);

    private static TarGuardException OverCap(string message, string? member = null) => new(TarGuardProblem.OverCap, message, member);
}
