using Microsoft.Build.Framework;
using RlEnv.Core.Packing;

namespace RlEnv.Sdk.Tasks;

/// <summary>
/// The build's walks, as task objects that live until the build ends: RlEnvResolve walks the environment to list the
/// target's Inputs, and RlEnvValidate or RlEnvPack reuse that walk while its stamp says no file changed since.
/// One project's tasks run in one node, so one cache serves them; another node simply walks again.
/// </summary>
internal sealed class BuildWalkCache(IBuildEngine4 engine) : IWalkCache
{
    private const string Prefix = "RlEnv.Sdk.Walk\n";

    // Another RlEnv.Sdk version in the same build has its own EnvironmentWalk type: the cast fails and it walks itself.
    public EnvironmentWalk? Find(string key) => engine.GetRegisteredTaskObject(Prefix + key, RegisteredTaskObjectLifetime.Build) as EnvironmentWalk;

    public void Keep(string key, EnvironmentWalk walk)
    {
        engine.UnregisterTaskObject(Prefix + key, RegisteredTaskObjectLifetime.Build);

        // Early collection only costs a second walk.
        engine.RegisterTaskObject(Prefix + key, walk, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: true);
    }
}
