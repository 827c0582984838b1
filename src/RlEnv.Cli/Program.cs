using System.IO.Abstractions;
using System.Text;
using RlEnv.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return RlEnvCli.Run(args, new FileSystem(), Console.Out, Console.Error);
