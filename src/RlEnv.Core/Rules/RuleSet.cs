namespace RlEnv.Core.Rules;

public enum RuleSet
{
    /// <summary>The documented Freesolo upload set, less what Flash ignores, plus Flash's import closure (the default).</summary>
    Freesolo,

    /// <summary>What <c>flash env push DIR</c> ships, file for file: the whole tree minus Flash's ignore rules.</summary>
    FlashTree,

    /// <summary>ReinforceNow's upload list (<see cref="Platforms.ReinforceNow.RnUploadSet"/>): config.yml or config.json, train.jsonl, rewards.py, tools.py, requirements.txt, Dockerfile.*.</summary>
    ReinforceNow,

    /// <summary>RunRL: the prompt files (root *.jsonl), the reward files (root *.py) and requirements.txt.</summary>
    RunRl,
}

public static class RuleSetNames
{
    public const string Freesolo = "freesolo";
    public const string FlashTree = "flash-tree";

    public static string ToName(this RuleSet rules) => rules switch
    {
        RuleSet.FlashTree => FlashTree,
        RuleSet.ReinforceNow => "reinforcenow",
        RuleSet.RunRl => "runrl",
        _ => Freesolo,
    };

    public static bool TryParse(string? name, out RuleSet rules)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or Freesolo:
                rules = RuleSet.Freesolo;
                return true;
            case FlashTree:
                rules = RuleSet.FlashTree;
                return true;
            default:
                rules = RuleSet.Freesolo;
                return false;
        }
    }
}
