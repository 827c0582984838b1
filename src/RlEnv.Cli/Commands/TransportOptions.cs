using System.CommandLine;
using RlEnv.Core.Publishing;

namespace RlEnv.Cli.Commands;

/// <summary>How publish and pull reach a registry; declared once so both commands say the same thing.</summary>
internal sealed class TransportOptions
{
    public Option<bool> PlainHttp { get; } = new("--plain-http")
    {
        Description = "Talk HTTP instead of HTTPS. Allowed only for a loopback registry (localhost, 127.0.0.0/8, ::1).",
    };

    public Option<bool> AllowInsecureHttp { get; } = new("--allow-insecure-http")
    {
        Description = "Let --plain-http reach a host that is not loopback. Your registry credentials and the artifact then travel in clear over the network.",
    };

    public Option<int> IdleTimeout { get; } = new("--idle-timeout")
    {
        Description = "Seconds a registry may send or take nothing before the transfer fails (1-3600).",
        DefaultValueFactory = _ => (int)RegistryOptions.DefaultIdleTimeout.TotalSeconds,
    };

    public TransportOptions()
    {
        IdleTimeout.Validators.Add(result =>
        {
            // Not a number at all is already a parse error; reading it would throw.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is < 1 or > 3600)
            {
                result.AddError("--idle-timeout must be between 1 and 3600 seconds.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(PlainHttp);
        command.Options.Add(AllowInsecureHttp);
        command.Options.Add(IdleTimeout);
    }

    public RegistryOptions Get(ParseResult result) => new()
    {
        PlainHttp = result.GetValue(PlainHttp),
        AllowInsecureHttp = result.GetValue(AllowInsecureHttp),
        IdleTimeout = TimeSpan.FromSeconds(result.GetValue(IdleTimeout)),
    };
}
