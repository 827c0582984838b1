using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace RlEnv.Core.Python;

/// <summary>
/// One interpreter running syntax_check.py, answering one request line with one answer line. Idle workers are kept
/// per interpreter and reused, so an analysis pays for a request (about a millisecond for a small project), not
/// for starting Python (about 80 ms with json and base64): the MSBuild node and the test suite run many analyses in
/// one process. A worker that overruns its time or is cancelled is killed and never reused; an idle one exits on
/// its own after a minute, or when this process ends and its stdin closes.
/// </summary>
internal sealed class PythonSyntaxWorker : IDisposable
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<PythonSyntaxWorker>> Idle = new(StringComparer.Ordinal);

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PythonSyntaxWorker).Assembly.GetManifestResourceStream("RlEnv.Core.Python.syntax_check.py")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PythonSyntaxWorker(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                if (e.Data is not null && _stderr.Length < 4096)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Sends one request and returns the answer line, or why there is none.</summary>
    /// <param name="executable">The interpreter.</param>
    /// <param name="request">The request as one line of JSON (no newline in it).</param>
    /// <param name="timeout">How long the answer may take.</param>
    /// <param name="cancellation">Kills the worker.</param>
    public static (string? Answer, string? Problem) Ask(string executable, byte[] request, TimeSpan timeout, CancellationToken cancellation)
    {
        // An idle worker may have exited (after a minute, or killed); a fresh one is tried once more.
        for (var attempt = 0; ; attempt++)
        {
            var worker = Rent(executable, out var problem);
            if (worker is null)
            {
                return (null, problem);
            }

            var (answer, failure, killed) = worker.Send(request, timeout, cancellation);
            if (answer is not null)
            {
                Idle.GetOrAdd(executable, _ => []).Add(worker);
                return (answer, null);
            }

            worker.Dispose();
            if (killed || attempt > 0)
            {
                return (null, failure);
            }
        }
    }

    private static PythonSyntaxWorker? Rent(string executable, out string? problem)
    {
        problem = null;
        if (Idle.TryGetValue(executable, out var idle))
        {
            while (idle.TryTake(out var worker))
            {
                if (!worker._process.HasExited)
                {
                    return worker;
                }

                worker.Dispose();
            }
        }

        try
        {
            return new PythonSyntaxWorker(Process.Start(PythonInterpreter.StartInfo(executable, Script.Value))!);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = "could not be started: " + e.Message;
            return null;
        }
    }

    /// <summary>The answer, or why there is none and whether the worker was killed (timed out, cancelled) rather than found exited.</summary>
    private (string? Answer, string? Problem, bool Killed) Send(byte[] request, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            stdin.Write(request);
            stdin.WriteByte((byte)'\n');
            stdin.Flush();
            var answer = _process.StandardOutput.ReadLineAsync(deadline.Token).AsTask().GetAwaiter().GetResult();
            if (answer is not null)
            {
                return (answer, null, false);
            }
        }
        catch (OperationCanceledException)
        {
            PythonInterpreter.Kill(_process);
            return (null, cancellation.IsCancellationRequested ? "was stopped: the run was cancelled" : $"took longer than {timeout.TotalSeconds:0} s and was stopped", true);
        }
        catch (IOException)
        {
            // It exited: an idle worker past its minute, or a crash; stderr says which.
        }

        _process.WaitForExit(1000);
        string said;
        lock (_stderr)
        {
            said = _stderr.ToString().Trim();
        }

        var code = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        return (null, $"exited with {code}{(said.Length > 0 ? ": " + PythonInterpreter.Shorten(said) : string.Empty)}", false);
    }

    public void Dispose()
    {
        PythonInterpreter.Kill(_process);
        _process.Dispose();
    }
}
