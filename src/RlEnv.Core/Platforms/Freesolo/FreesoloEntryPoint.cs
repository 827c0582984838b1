using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.Freesolo;

/// <summary>
/// The hub's one requirement of environment.py's code: the worker imports it and calls its load_environment(**params)
/// (flash/envs/loader.py, through the freesolo SDK). Flash's push never checks it; RlEnv refuses only an entry point
/// that certainly lacks it, and warns where the file alone cannot tell.
/// </summary>
public static class FreesoloEntryPoint
{
    public const string LoadEnvironment = "load_environment";

    /// <summary>Null when load_environment is bound on every path; a warning when only some paths, or unseen code, bind it; an error when nothing can.</summary>
    /// <param name="file">The entry point's path, relative to the root.</param>
    /// <param name="info">What the scanner read from it.</param>
    public static Diagnostic? CheckLoadEnvironment(string file, PythonModuleInfo info) => info.Bindings.Find(LoadEnvironment) switch
    {
        { Certainty: BindingCertainty.Certain } => null,
        { Certainty: BindingCertainty.Conditional } b => DiagnosticCatalog.LoadEnvironmentOnlyConditional(file, b.Source!, b.Line, b.Column),
        { Certainty: BindingCertainty.Unseen } b => DiagnosticCatalog.LoadEnvironmentFromUnfollowedCode(file, b.Source!, b.Line, b.Column),
        _ => DiagnosticCatalog.EntryPointWithoutLoadEnvironment(file),
    };
}
