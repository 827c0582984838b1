using RlEnv.Core.Packing;
using Spectre.Console;

namespace RlEnv.Cli.Commands;

/// <summary>
/// Holds the latest progress report (no synchronization context, unlike Progress&lt;T&gt;), and shows a
/// bar on stderr only when the work outlasts a second and stderr is a terminal.
/// </summary>
internal sealed class ProgressReporter : IProgress<PackProgress>
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private PackProgress _latest;

    public void Report(PackProgress value) => _latest = value;

    public static T Run<T>(bool enabled, Func<ProgressReporter?, T> work, string label = "packing")
    {
        if (!enabled || Console.IsErrorRedirected)
        {
            return work(null);
        }

        var reporter = new ProgressReporter();
        var task = Task.Run(() => work(reporter));
        if (task.Wait(Delay))
        {
            return task.GetAwaiter().GetResult();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Start(context =>
        {
            var bar = context.AddTask(label);
            while (!task.Wait(TimeSpan.FromMilliseconds(100)))
            {
                var latest = reporter._latest;
                bar.MaxValue = Math.Max(1, latest.BytesTotal);
                bar.Value = latest.BytesDone;
            }

            bar.Value = bar.MaxValue;
        });
        return task.GetAwaiter().GetResult();
    }
}
