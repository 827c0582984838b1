namespace RlEnv.Core.Diagnostics;

// How the platform was asked for (Platforms/Platform.cs).
public static partial class DiagnosticCatalog
{
    /// <param name="rules">The rules asked for (flash-tree).</param>
    /// <param name="owner">The platform those rules belong to.</param>
    /// <param name="profile">The profile asked for.</param>
    public static Diagnostic RulesConflictWithProfile(string rules, string owner, string profile) =>
        OptionsConflict.At(null,
            $"The rules '{rules}' (--rules, RlEnvRules) are {Title(owner)}'s upload mode, but the profile is '{profile}' (--profile, RlEnvProfile), " +
            $"which uploads its own file list; the two cannot be combined. Drop the rules, or ask for the {owner} profile.");

    private static string Title(string platform) => platform switch
    {
        "freesolo" => "Freesolo",
        "reinforcenow" => "ReinforceNow",
        "runrl" => "RunRL",
        _ => platform,
    };
}
