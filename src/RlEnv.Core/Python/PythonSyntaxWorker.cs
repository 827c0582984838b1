using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace RlEnv.Core.Python;

/// <summary>
/// One interpreter running syntax_check.py, answering one request line with one answer line. The start that finds an
/// interpreter is the worker (its first line says which interpreter it is), and idle workers are kept per interpreter
/// and reused, so an analysis pays for a request (about a millisecond for a small project), not for starting Python
/// again: the MSBuild node and the test suite run many analyses in one process. A worker that overruns its time or is
/// cancelled is killed and never reused; an idle one exits on its own after a minute, or when this process ends and
/// its stdin closes.
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

    /// <summary>
    /// Starts <paramref name="command"/> on the script and reads its first line, which says which interpreter it is
    /// (executable, version, implementation as JSON), or why there is no worker: not found, no line in time, exited.
    /// </summary>
    /// <param name="command">The interpreter or the command that starts it (a pyenv shim, python3).</param>
    /// <param name="timeout">How long the first line may take.</param>
    public static (PythonSyntaxWorker? Worker, string? Hello, string? Problem) Start(string command, TimeSpan timeout)
    {
        PythonSyntaxWorker worker;
        try
        {
            worker = new PythonSyntaxWorker(Process.Start(PythonInterpreter.StartInfo(command, Script.Value))!);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, null, "not found");
        }

        var (hello, problem, _) = worker.ReadLine(timeout, CancellationToken.None);
        if (hello is null)
        {
            worker.Dispose();
            return (null, null, problem);
        }

        return (worker, hello, null);
    }

    /// <summary>Keeps a started worker for the next request to <paramref name="executable"/>.</summary>
    public static void Park(string executable, PythonSyntaxWorker worker) => Idle.GetOrAdd(executable, _ => []).Add(worker);

    /// <summary>Sends one request and returns the answer line, or why there is none.</summary>
    /// <param name="executable">The interpreter.</param>
    /// <param name="request">The request as one line (no newline in it).</param>
    /// <param name="timeout">How long the answer may take.</param>
    /// <param name="cancellation">Kills the worker.</param>
    public static (string? Answer, string? Problem) Ask(string executable, byte[] request, TimeSpan timeout, CancellationToken cancellation)
    {
        // An idle worker may have exited (after a minute, or killed); a fresh one is tried once more.
        for (var attempt = 0; ; attempt++)
        {
            var worker = Rent(executable, timeout, out var problem);
            if (worker is null)
            {
                return (null, problem);
            }

            var (answer, failure, killed) = worker.Send(request, timeout, cancellation);
            if (answer is not null)
            {
                Park(executable, worker);
                return (answer, null);
            }

            worker.Dispose();
            if (killed || attempt > 0)
            {
                return (null, failure);
            }
        }
    }

    private static PythonSyntaxWorker? Rent(string executable, TimeSpan timeout, out string? problem)
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

        var (started, _, failure) = Start(executable, timeout);
        problem = failure is null ? null : "could not be started: " + failure;
        return started;
    }

    /// <summary>The answer, or why there is none and whether the worker was killed (timed out, cancelled) rather than found exited.</summary>
    private (string? Answer, string? Problem, bool Killed) Send(byte[] request, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            stdin.Write(request);
            stdin.WriteByte((byte)'\n');
            stdin.Flush();
        }
        catch (IOException)
        {
            // It exited: an idle worker past its minute, or a crash; the read below says which.
        }

        return ReadLine(timeout, cancellation);
    }

    private (string? Line, string? Problem, bool Killed) ReadLine(TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            var line = _process.StandardOutput.ReadLineAsync(deadline.Token).AsTask().GetAwaiter().GetResult();
            if (line is not null)
            {
                return (line, null, false);
            }
        }
        catch (OperationCanceledException)
        {
            PythonInterpreter.Kill(_process);
            return (null, cancellation.IsCancellationRequested ? "was stopped: the run was cancelled" : $"took longer than {timeout.TotalSeconds:0} s and was stopped", true);
        }
        catch (IOException)
        {
            // It exited; stderr says why.
        }

        if (_process.WaitForExit(1000))
        {
            // Only the untimed wait also waits for the stderr reader to reach the end of what it said.
            _process.WaitForExit();
        }

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
