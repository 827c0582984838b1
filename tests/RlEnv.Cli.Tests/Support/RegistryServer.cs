using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RlEnv.Cli.Tests.Support;

/// <summary>A real Debian `docker-registry` on a free 127.0.0.1 port with a temp storage folder, optionally behind htpasswd basic auth.</summary>
internal sealed class RegistryServer : IDisposable
{
    private readonly Process _process;

    // tokenAuth: Bearer tokens from a loopback token server (the token spec) instead of htpasswd basic auth.
    public RegistryServer(string? user = null, string? password = null, bool tokenAuth = false)
    {
        Root = Directory.CreateTempSubdirectory("rlenv-registry-").FullName;
        Port = FreePort();
        var auth = string.Empty;
        if (tokenAuth)
        {
            Tokens = new TokenServer(Root, user!, password!);
            auth = $"auth:\n  token:\n    realm: {Tokens.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n    rootcertbundle: {Tokens.CertificateBundle}\n";
        }
        else if (user is not null)
        {
            var htpasswd = Path.Combine(Root, "htpasswd");
            var run = Processes.Run("htpasswd", ["-Bbn", user, password!], Root);
            File.WriteAllText(htpasswd, run.Stdout);
            auth = $"auth:\n  htpasswd:\n    realm: rlenv-test\n    path: {htpasswd}\n";
        }

        var config = Path.Combine(Root, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(Root, "storage")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{Port}\n{auth}");
        _process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilUp();
    }

    public string Root { get; }

    public TokenServer? Tokens { get; }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string Storage => Path.Combine(Root, "storage");

    /// <summary>The registry's own file for a blob, to tamper with.</summary>
    public string BlobPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(Storage, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilUp()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException("docker-registry did not start on " + Host);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        Tokens?.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
