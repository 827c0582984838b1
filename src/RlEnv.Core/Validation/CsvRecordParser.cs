namespace RlEnv.Core.Validation;

/// <summary>
/// The reader of .csv splits: RFC 4180 with ',' and '"' (a doubled quote inside quotes), line ends "\r", "\n" or
/// "\r\n", blank lines skipped. It keeps what CsvHelper 33's CsvParser did with the configuration RlEnv gave it,
/// so every row, field, diagnostic and line number stays as it was: the same buffer (4,096 chars, doubled while a
/// record outgrows it) refilled at the same moments, the same lazy unquoting that reports a badly quoted field when
/// the record is first read, the same physical line count (<see cref="RawRow"/>) and byte count (<see cref="ByteCount"/>,
/// UTF-8 bytes counted char by char, so a surrogate half counts 3). CsvHelper itself cannot ship in the native tool:
/// its configuration object reaches reflection-based class mapping, which trimming and Native AOT cannot analyze.
/// </summary>
/// <param name="reader">The decoded text; its exceptions (invalid UTF-8, a record over the cap) pass through <see cref="Read"/>.</param>
/// <param name="badField">Called with a badly quoted field's raw text when the record holding it is first read.</param>
internal sealed class CsvRecordParser(TextReader reader, Action<string> badField)
{
    private const char Quote = '"';
    private const char Delimiter = ',';

    private char[] _buffer = new char[4096];
    private char[] _unescaped = new char[1024];
    private Field[] _fields = new Field[128];
    private int _fieldCount;
    private int _charsRead;
    private int _position;
    private int _rowStart;
    private int _fieldStart;
    private long _charCount;
    private int _quoteCount;
    private bool _inQuotes;
    private bool _fieldIsBad;
    private bool _fieldIsQuoted;
    private Pending _pending;
    private string[]? _record;

    private enum Pending
    {
        None,
        BlankLine,
        LineEnding,
    }

    /// <summary>Physical lines begun so far: one per record, one per line break inside quotes, one per blank line skipped.</summary>
    public int RawRow { get; private set; }

    /// <summary>Bytes consumed so far, counted as CsvHelper counted them (see the class remarks).</summary>
    public long ByteCount { get; private set; }

    /// <summary>The fields of the record just read, unquoted; null when it has none. Reading it reports bad fields once.</summary>
    public string[]? Record => _fieldCount == 0 ? null : _record ??= Unquote();

    /// <summary>Reads the next record; false at the end of the text.</summary>
    public bool Read()
    {
        _record = null;
        _rowStart = _position;
        _fieldStart = _rowStart;
        _fieldCount = 0;
        _quoteCount = 0;
        RawRow++;
        var c = '\0';
        var previous = c;
        while (true)
        {
            if (_position >= _charsRead && !FillBuffer())
            {
                return AtEndOfText();
            }

            if (ReadLine(ref c, ref previous))
            {
                return true;
            }
        }
    }

    /// <summary>Scans the buffered chars; true once a record is complete, false when the buffer ran out first.</summary>
    private bool ReadLine(ref char c, ref char previous)
    {
        while (_position < _charsRead)
        {
            if (_pending != Pending.None)
            {
                // A line end split across two buffers: finish it before looking at anything else.
                var pending = _pending;
                if (!(pending == Pending.BlankLine ? SkipBlankLine(ref c) : EndLine(ref c, addField: true)))
                {
                    return false;
                }

                _pending = Pending.None;
                if (pending == Pending.LineEnding)
                {
                    return true;
                }
            }

            previous = c;
            c = Next();
            var firstOfRow = _rowStart == _position - 1;
            if (firstOfRow && c is '\r' or '\n')
            {
                _pending = Pending.BlankLine;
                if (!SkipBlankLine(ref c))
                {
                    return false;
                }

                _pending = Pending.None;
                continue;
            }

            var firstOfField = _fieldStart == _position - 1;
            if (firstOfField)
            {
                // A field is quoted only when its first char is a quote.
                _fieldIsQuoted = c == Quote;
            }

            if (_fieldIsQuoted)
            {
                if (c == Quote)
                {
                    _quoteCount++;
                    if (!_inQuotes && !firstOfField && previous != Quote)
                    {
                        _fieldIsBad = true;
                    }
                    else if (!_fieldIsBad)
                    {
                        _inQuotes = !_inQuotes;
                    }
                }

                if (_inQuotes)
                {
                    // Inside quotes only a line break matters, and only to count lines.
                    if (c == '\r' || (c == '\n' && previous != '\r'))
                    {
                        RawRow++;
                    }

                    continue;
                }
            }
            else if (c == Quote)
            {
                _fieldIsBad = true;
            }

            if (c == Delimiter)
            {
                AddField(_fieldStart, _position - _fieldStart - 1);
                _fieldStart = _position;
                _fieldIsBad = false;
                continue;
            }

            if (c is '\r' or '\n')
            {
                _pending = Pending.LineEnding;
                if (!EndLine(ref c, addField: true))
                {
                    return false;
                }

                _pending = Pending.None;
                return true;
            }
        }

        return false;
    }

    private char Next()
    {
        var c = _buffer[_position++];
        _charCount++;
        ByteCount += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        return c;
    }

    private bool SkipBlankLine(ref char c)
    {
        if (_position >= _charsRead)
        {
            return false;
        }

        if (!EndLine(ref c, addField: false))
        {
            return false;
        }

        _rowStart = _position;
        _fieldStart = _rowStart;
        RawRow++;
        return true;
    }

    /// <summary>Consumes the "\n" of a "\r\n" and ends the last field; false when the char after "\r" is not buffered yet.</summary>
    private bool EndLine(ref char c, bool addField)
    {
        var lineEnd = 1;
        if (c == '\r')
        {
            if (_position >= _charsRead)
            {
                return false;
            }

            c = _buffer[_position];
            if (c == '\n')
            {
                lineEnd++;
                Next();
            }
        }

        if (addField)
        {
            AddField(_fieldStart, _position - _fieldStart - lineEnd);
        }

        _fieldIsBad = false;
        return true;
    }

    private bool AtEndOfText()
    {
        var pending = _pending;
        _pending = Pending.None;
        switch (pending)
        {
            case Pending.BlankLine:
                return false;
            case Pending.LineEnding:
                AddField(_fieldStart, _position - _fieldStart - 1);
                return true;
            default:
                if (_rowStart < _position)
                {
                    AddField(_fieldStart, _position - _fieldStart);
                }

                return _fieldCount > 0;
        }
    }

    private void AddField(int start, int length)
    {
        if (_fieldCount >= _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[_fieldCount++] = new Field(start - _rowStart, length, _quoteCount, _fieldIsBad);
        _quoteCount = 0;
    }

    private bool FillBuffer()
    {
        if (_rowStart == 0 && _charCount > 0 && _charsRead == _buffer.Length)
        {
            // One record fills the whole buffer: grow it.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var left = Math.Max(_charsRead - _rowStart, 0);
        Array.Copy(_buffer, _rowStart, _buffer, 0, left);
        _fieldStart -= _rowStart;
        _rowStart = 0;
        _position = left;
        _charsRead = reader.Read(_buffer, left, _buffer.Length - left);
        if (_charsRead == 0)
        {
            return false;
        }

        _charsRead += left;
        return true;
    }

    private string[] Unquote()
    {
        var record = new string[_fieldCount];
        for (var i = 0; i < record.Length; i++)
        {
            var field = _fields[i];
            var start = field.Start + _rowStart;
            record[i] = field.Length == 0 ? string.Empty
                : field.IsBad ? UnquoteBad(start, field.Length)
                : UnquoteGood(start, field.Length, field.QuoteCount);
        }

        return record;
    }

    private string UnquoteGood(int start, int length, int quotes)
    {
        if (quotes == 0)
        {
            return new string(_buffer, start, length);
        }

        if (_buffer[start] != Quote || _buffer[start + length - 1] != Quote || length == 1)
        {
            return UnquoteBad(start, length);
        }

        if (quotes == 2)
        {
            return new string(_buffer, start + 1, length - 2);
        }

        var output = Scratch(length);
        var count = 0;
        var escaped = false;
        for (var i = start + 1; i < start + length - 1; i++)
        {
            var c = _buffer[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == Quote)
            {
                escaped = true;
                continue;
            }

            output[count++] = c;
        }

        return new string(output, 0, count);
    }

    /// <summary>
    /// A field with a stray quote: reported, then kept raw unless it starts with a quote; if it does, quotes are
    /// dropped up to the one that closed it (a quote followed by another char) and the rest is kept as it is.
    /// </summary>
    private string UnquoteBad(int start, int length)
    {
        badField(new string(_buffer, start, length));
        if (_buffer[start] != Quote)
        {
            return new string(_buffer, start, length);
        }

        var output = Scratch(length);
        var count = 0;
        var escaped = false;
        var closed = false;
        var c = '\0';
        for (var i = start + 1; i < start + length; i++)
        {
            var previous = c;
            c = _buffer[i];
            if (escaped)
            {
                escaped = false;
                if (c == Quote)
                {
                    continue;
                }

                if (previous == Quote)
                {
                    closed = true;
                }
            }

            if (c == Quote && !closed)
            {
                escaped = true;
                continue;
            }

            output[count++] = c;
        }

        return new string(output, 0, count);
    }

    private char[] Scratch(int length)
    {
        if (length > _unescaped.Length)
        {
            var size = _unescaped.Length;
            while (length > size)
            {
                size *= 2;
            }

            _unescaped = new char[size];
        }

        return _unescaped;
    }

    private readonly record struct Field(int Start, int Length, int QuoteCount, bool IsBad);
}
