using System.Diagnostics;
using System.IO.Compression;
// Usage: dotnet run -c Release zlib-limit.cs -- FILE_OR_FOLDER...
// CPU-seconds .NET's zlib-ng spends on level-6 gzip of the files given, single stream: the floor of any packer on them.
var files = args.SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories) : [a]).Order().ToList();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var sw = Stopwatch.StartNew();
long input = 0, output = 0;
var counter = new CountingStream();
using (var gz = new GZipStream(counter, new ZLibCompressionOptions { CompressionLevel = 6 }, leaveOpen: true))
{
    var buffer = new byte[1 << 20];
    foreach (var f in files)
    {
        using var s = File.OpenRead(f);
        for (int n; (n = s.Read(buffer)) > 0;) { gz.Write(buffer, 0, n); input += n; }
    }
}
output = counter.Written;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
Console.Error.WriteLine($"{input / 1048576.0:F0} MiB -> {output:N0} bytes; {sw.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} CPU-s");
// The last line is the figure alone, for scripts.
Console.WriteLine(cpuSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
sealed class CountingStream : Stream
{
    public long Written;
    public override bool CanRead => false; public override bool CanSeek => false; public override bool CanWrite => true;
    public override long Length => Written; public override long Position { get => Written; set { } }
    public override void Flush() { }
    public override int Read(byte[] b, int o, int c) => throw new NotSupportedException();
    public override long Seek(long o, SeekOrigin s) => 0; public override void SetLength(long v) { }
    public override void Write(byte[] b, int o, int c) => Written += c;
    public override void Write(ReadOnlySpan<byte> b) => Written += b.Length;
}
