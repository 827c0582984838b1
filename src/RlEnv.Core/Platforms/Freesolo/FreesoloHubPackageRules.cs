// Mirrors what flash/server/domain/envs.py::publish_package refuses of an archive after the tar guard's caps
// (_safe_extract's _BLOCKED_TOP_LEVEL_PATHS; _github_publish's `environment.py` and "no files" checks and its git push,
// which GitHub refuses for a file over 100 MiB) and what _package_checkout_directory later refuses when it serves the
// package back (freesolo-co/flash 0c508de72). Links, special files, unsafe paths, the member and size caps and the
// tar-stream bound are the inspector's (TarGuardStream, ArtifactInspector); tokens are AccessTokenScanner's.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Inspecting;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>The hub's refusals that depend on what an archive holds, checked on the members as read back before any upload.</summary>
public static class FreesoloHubPackageRules
{
    /// <summary>envs.py <c>_BLOCKED_TOP_LEVEL_PATHS</c>: compared exactly, case-sensitive, on the first path segment.</summary>
    public static readonly IReadOnlySet<string> BlockedTopLevel = new HashSet<string>(StringComparer.Ordinal) { ".git", ".github", "source" };

    /// <param name="artifact">The artifact's file name, where a diagnostic about the whole archive points.</param>
    /// <param name="members">The members as the inspector read them (paths already refused when unsafe).</param>
    /// <param name="maxFileBytes">The largest file the hub's repository takes.</param>
    /// <param name="maxCheckoutMembers">The most files and folders the hub serves back.</param>
    /// <param name="diagnostics">Where refusals go.</param>
    public static void Check(string artifact, IReadOnlyList<InspectedMember> members, long maxFileBytes, int maxCheckoutMembers, DiagnosticBag diagnostics)
    {
        var hasEntryPoint = false;
        var files = new List<(string Path, long Size)>();
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var top = member.Path.Split('/', 2)[0];
            if (BlockedTopLevel.Contains(top) && blocked.Add(top))
            {
                diagnostics.Add(DiagnosticCatalog.HubRefusesTopLevelPath(artifact, PathPortability.Display(member.Path), top));
            }

            if (member.Type != "file")
            {
                continue;
            }

            hasEntryPoint |= member.Path == FreesoloPackageShape.EntryPointName;
            files.Add((member.Path, member.Size));
            if (member.Size > maxFileBytes)
            {
                diagnostics.Add(DiagnosticCatalog.HubFileOverRepositoryLimit(PathPortability.Display(member.Path), member.Size, maxFileBytes));
            }
        }

        if (!hasEntryPoint)
        {
            diagnostics.Add(DiagnosticCatalog.HubNoEntryPointAtRoot(artifact));
        }

        // Git keeps no empty folder, so the checkout the hub serves holds the files and the folders that hold them.
        var checkout = FreesoloLimits.CountAsHub(files).CheckoutMembers;
        if (checkout > maxCheckoutMembers)
        {
            diagnostics.Add(DiagnosticCatalog.HubCheckoutOverMemberCap(artifact, checkout, maxCheckoutMembers));
        }
    }
}
