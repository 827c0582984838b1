namespace RlEnv.Core.Rules;

/// <summary>The rule behind each decision, as `rlenv ls` reports it. Stable strings: scripts match on them.</summary>
public static class Reasons
{
    public const string EntryPoint = "entrypoint";
    public const string PythonHelper = "python-helper";
    public const string DatasetDirectory = "dataset";
    public const string DataFile = "data-file";
    public const string Tree = "tree";
    public const string UploadSet = "upload-set";
    public const string NotInUploadSet = "not-in-upload-set";
    public const string WorkspaceMetadata = "workspace-metadata";
    public const string Cache = "cache";
    public const string Virtualenv = "virtualenv";
    public const string VersionControl = "version-control";
    public const string NodeModules = "node-modules";
    public const string DotName = "dot-name";
    public const string ExcludedName = "excluded-name";
    public const string RootExcluded = "root-excluded";

    /// <summary>A root name equal to environment.py under Python's lowercase (Environment.py): Flash drops it.</summary>
    public const string EntryPointVariant = "entrypoint-variant";

    /// <summary>Shipped because environment.py or evaluations.py imports it, as Flash's import closure does.</summary>
    public const string ImportClosure = "import-closure";
    public const string Secret = "secret";
    public const string Symlink = "symlink";
    public const string SpecialFile = "special-file";
    public const string IncludedByProject = "included-by-project";
    public const string ExcludedByProject = "excluded-by-project";
}
