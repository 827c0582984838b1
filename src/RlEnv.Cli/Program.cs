using System.IO.Abstractions;
using System.Runtime.InteropServices;
using System.Text;
using RlEnv.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// Ctrl+C and SIGTERM (a CI runner's cancel) cancel the command, which removes what it was writing, instead of killing the process mid-write.
using var cancel = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    // A second signal while the first is being honoured ends the process at once, as users expect of Ctrl+C.
    if (cancel.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    cancel.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return RlEnvCli.Run(args, new FileSystem(), Console.Out, Console.Error, beforeInvoke: null, cancel.Token);
