using System.Text;

namespace RlEnv.Cli.Output;

/// <summary>Remembers whether anything reached stdout, so a failure never prints a second JSON object after a command's own.</summary>
internal sealed class WriteTrackingWriter(TextWriter inner) : TextWriter
{
    public bool Written { get; private set; }

    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        Written = true;
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        Written |= !string.IsNullOrEmpty(value);
        inner.Write(value);
    }

    public override void WriteLine(string? value)
    {
        Written = true;
        inner.WriteLine(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Written |= count > 0;
        inner.Write(buffer, index, count);
    }

    public override void Flush() => inner.Flush();
}
