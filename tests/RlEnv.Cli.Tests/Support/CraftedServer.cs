using System.Collections.Concurrent;
using System.Net;

namespace RlEnv.Cli.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback address that answers as a test scripts it: a malicious registry,
/// or the "elsewhere" origin a malicious registry points at. It records every request it receives,
/// with its Authorization header, so a test can prove which credentials reached which origin.
/// </summary>
internal sealed class CraftedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public CraftedServer(string address = "127.0.0.1")
    {
        Port = RegistryServer.FreePort();
        Address = address;
        _listener.Prefixes.Add($"http://{address}:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Address { get; }

    public int Port { get; }

    public string Host => $"{Address}:{Port}";

    public string Origin => $"http://{Host}";

    /// <summary>The script: answers one request; the default answers 404.</summary>
    public Func<HttpListenerContext, Task> Handler { get; set; } = context => Answer(context, 404, string.Empty);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Bytes the server managed to write before the client stopped reading: what a bounded client held at most.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    private long _bytesSent;

    public static async Task Answer(HttpListenerContext context, int status, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.AddHeader(name, value);
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public static Task Answer(HttpListenerContext context, int status, byte[] body, string contentType = "application/octet-stream")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
        return Task.CompletedTask;
    }

    /// <summary>Streams <paramref name="total"/> bytes of <paramref name="fill"/> without a Content-Length, counting what the client took.</summary>
    public async Task Flood(HttpListenerContext context, long total, byte fill, string contentType = "application/json")
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.SendChunked = true;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
        try
        {
            for (long sent = 0; sent < total; sent += chunk.Length)
            {
                await context.Response.OutputStream.WriteAsync(chunk, _stop.Token);
                Interlocked.Add(ref _bytesSent, chunk.Length);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client stopped reading: exactly what a bounded client does.
            context.Response.Abort();
        }
    }

    /// <summary>Sends headers and a few bytes, then nothing, until the test ends: a stalled registry.</summary>
    public async Task Stall(HttpListenerContext context, long declaredLength)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength64 = declaredLength;
        await context.Response.OutputStream.WriteAsync(new byte[16]);
        await context.Response.OutputStream.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], body.Length));
            _ = Task.Run(async () =>
            {
                try
                {
                    await Handler(context);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // The client went away; nothing to answer.
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string? Authorization, long BodyBytes);
