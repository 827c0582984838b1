namespace RlEnv.Core.Profiles;

/// <summary>The training platform an environment is for: it decides what is uploaded and which records are checked.</summary>
public enum Profile
{
    Freesolo,
    ReinforceNow,
    RunRl,
}

public static class ProfileNames
{
    public const string Freesolo = "freesolo";
    public const string ReinforceNow = "reinforcenow";
    public const string RunRl = "runrl";

    public static string ToName(this Profile profile) => profile switch
    {
        Profile.ReinforceNow => ReinforceNow,
        Profile.RunRl => RunRl,
        _ => Freesolo,
    };

    public static bool TryParse(string? name, out Profile profile)
    {
        profile = name?.Trim().ToLowerInvariant() switch
        {
            Freesolo => Profile.Freesolo,
            ReinforceNow => Profile.ReinforceNow,
            RunRl => Profile.RunRl,
            _ => (Profile)(-1),
        };
        return Enum.IsDefined(profile);
    }
}
