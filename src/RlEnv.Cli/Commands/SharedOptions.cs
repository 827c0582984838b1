using System.CommandLine;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Packing;
using RlEnv.Core.Profiles;
using RlEnv.Core.Rules;
using RlEnv.Core.Validation;

namespace RlEnv.Cli.Commands;

/// <summary>Options that several commands share, declared once so their names and help never drift apart.</summary>
internal sealed class SharedOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object on stdout (diagnostics and results) instead of human output." };

    /// <summary>The value <see cref="AttachWarnAsErrorValue"/> gives a bare --warnaserror: every warning.</summary>
    private const string AllWarnings = "*";

    /// <summary>
    /// --warnaserror [CODES], as MSBuild's -warnaserror: with no value every warning is an error; with a comma- or
    /// semicolon-separated list, the warnings of those codes.
    /// </summary>
    public Option<string?> WarnAsError { get; } = new("--warnaserror")
    {
        Description = "Report warnings as errors (exit 1, nothing written): every warning, or only CODES, a comma- or semicolon-separated list such as RLENV1106,RLENV1108.",
        HelpName = "CODES",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            // "" is every warning (System.CommandLine cannot take null back from a custom parser).
            var text = result.Tokens.Count == 0 ? AllWarnings : result.Tokens[0].Value;
            if (text is "" or AllWarnings)
            {
                return string.Empty;
            }

            if (!WarningsAsErrors.TryParseCodes(text, out _, out var problem))
            {
                result.AddError($"--warnaserror: {problem}");
            }

            return text;
        },
    };

    public Option<string> Rules { get; } = new("--rules")
    {
        Description = "Freesolo's upload mode: freesolo (the documented upload set plus the import closure, less what Flash ignores) or flash-tree (what `flash env push DIR` ships). flash-tree chooses the freesolo profile; with --profile reinforcenow or runrl it is a usage error.",
        DefaultValueFactory = _ => RuleSetNames.Freesolo,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "The platform: freesolo, reinforcenow or runrl. Detected from the files when omitted (environment.py; train.jsonl with rewards.py or config.yml; a prompt JSONL with a reward .py).",
    };

    public Option<long?> MaxCompressedBytes { get; } = new("--max-compressed-bytes") { Description = $"Compressed cap in bytes (default {PackLimits.HubCompressedBytes}, the hub's 64 MiB)." };

    public Option<long?> MaxUncompressedBytes { get; } = new("--max-uncompressed-bytes") { Description = $"Uncompressed cap in bytes (default {PackLimits.HubUncompressedBytes}, the hub's 256 MiB)." };

    public Option<int?> MaxMembers { get; } = new("--max-members") { Description = $"Cap on archive members: files, and for Freesolo the folders that hold them (default {PackLimits.HubMembers})." };

    public Option<long?> MaxFileBytes { get; } = new("--max-file-bytes") { Description = $"Largest single file in bytes, Freesolo only (default {PackLimits.HubFileBytes}, the 100 MiB the hub's GitHub repository takes)." };

    public Option<long?> MaxLineBytes { get; } = new("--max-line-bytes") { Description = $"Longest dataset line (and largest .json split) read, in bytes (default {ValidationOptions.DefaultMaxLineBytes})." };

    public static Argument<string> EnvironmentDirectory() => new("dir")
    {
        Description = "The environment folder (holding environment.py). Defaults to the current folder.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    public SharedOptions()
    {
        Rules.AcceptOnlyFromAmong(RuleSetNames.Freesolo, RuleSetNames.FlashTree);
        Profile.AcceptOnlyFromAmong(ProfileNames.Freesolo, ProfileNames.ReinforceNow, ProfileNames.RunRl);
        InRange(MaxCompressedBytes, OptionRanges.CompressedBytes);
        InRange(MaxUncompressedBytes, OptionRanges.UncompressedBytes);
        InRange(MaxMembers, OptionRanges.Members);
        InRange(MaxFileBytes, OptionRanges.FileBytes);
        InRange(MaxLineBytes, OptionRanges.LineBytes);
    }

    /// <summary>Refuses a value outside the range at parse time, so it is a usage error (exit 2), never a cap the engine compares against.</summary>
    public static void InRange<T>(Option<T?> option, OptionRange range)
        where T : struct
    {
        option.Validators.Add(result =>
        {
            // A value that is not a number at all is already a parse error; reading it would throw.
            if (result.Tokens.Count == 0 || !long.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            if (result.GetValue(option) is { } value && range.Problem(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)) is { } problem)
            {
                result.AddError(problem);
            }
        });
    }

    /// <summary>Refuses an empty folder name: "" would otherwise reach Path.GetFullPath and fail inside the engine.</summary>
    public static void NotEmpty(Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(option)))
            {
                result.AddError($"{option.Name} must name a folder; it is empty.");
            }
        });
    }

    public void AddRulesAndCaps(Command command)
    {
        command.Options.Add(WarnAsError);
        command.Options.Add(Profile);
        command.Options.Add(Rules);
        command.Options.Add(MaxCompressedBytes);
        command.Options.Add(MaxUncompressedBytes);
        command.Options.Add(MaxMembers);
        command.Options.Add(MaxFileBytes);
        command.Options.Add(MaxLineBytes);
    }

    public RuleSet GetRules(ParseResult result)
    {
        // AcceptOnlyFromAmong has already refused any other value.
        return RuleSetNames.TryParse(result.GetValue(Rules), out var rules) ? rules : RuleSet.Freesolo;
    }

    public Profile? GetProfile(ParseResult result) =>
        ProfileNames.TryParse(result.GetValue(Profile), out var profile) ? profile : null;

    /// <summary>
    /// A bare --warnaserror would take the next argument as its value, so `rlenv pack --warnaserror ./env` would lose
    /// its folder: unless that argument is a code list, the option gets an attached value meaning every warning.
    /// </summary>
    public static string[] AttachWarnAsErrorValue(string[] args)
    {
        var fixedArgs = (string[])args.Clone();
        for (var i = 0; i < fixedArgs.Length && fixedArgs[i] != "--"; i++)
        {
            if (fixedArgs[i] == "--warnaserror" && (i + 1 == fixedArgs.Length || !WarningsAsErrors.LooksLikeCodes(fixedArgs[i + 1])))
            {
                fixedArgs[i] = "--warnaserror:" + AllWarnings;
            }
        }

        return fixedArgs;
    }

    /// <summary>
    /// The one place the command line becomes a <see cref="WarningsAsErrors"/>: none without --warnaserror, every warning
    /// with it alone, else the codes it lists (already checked at parse time).
    /// </summary>
    public WarningsAsErrors GetWarningsAsErrors(ParseResult result)
    {
        if (result.GetResult(WarnAsError) is not { Implicit: false })
        {
            return WarningsAsErrors.None;
        }

        return result.GetValue(WarnAsError) is { Length: > 0 } list && WarningsAsErrors.TryParseCodes(list, out var codes, out _)
            ? WarningsAsErrors.Codes(codes)
            : WarningsAsErrors.All;
    }

    /// <summary>The engine request from the environment folder and every shared option.</summary>
    public PackRequest Request(ParseResult result, string environmentDirectory, string outputDirectory = ".") => new()
    {
        EnvironmentDirectory = environmentDirectory,
        OutputDirectory = outputDirectory,
        Rules = GetRules(result),
        Limits = GetLimits(result),
        Validation = GetValidation(result),
        Profile = GetProfile(result),
        WarningsAsErrors = GetWarningsAsErrors(result),
    };

    public ValidationOptions GetValidation(ParseResult result) =>
        result.GetValue(MaxLineBytes) is { } maxLine ? ValidationOptions.Default with { MaxLineBytes = maxLine } : ValidationOptions.Default;

    public PackLimits GetLimits(ParseResult result) => new()
    {
        MaxCompressedBytes = result.GetValue(MaxCompressedBytes) ?? PackLimits.HubCompressedBytes,
        MaxUncompressedBytes = result.GetValue(MaxUncompressedBytes) ?? PackLimits.HubUncompressedBytes,
        MaxMembers = result.GetValue(MaxMembers) ?? PackLimits.HubMembers,
        MaxFileBytes = result.GetValue(MaxFileBytes) ?? PackLimits.HubFileBytes,
    };
}
