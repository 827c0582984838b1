namespace RlEnv.Core.Diagnostics;

/// <summary>
/// Every code the engine emits. Codes are part of the tool's contract: never renumber one;
/// each has a page under docs/diagnostics/.
/// </summary>
public static class DiagnosticCodes
{
    // 0010s: how a run of the tool ended.
    public const string Cancelled = "RLENV0010";
    public const string InternalFailure = "RLENV0011";

    // 1000s: the environment's shape and its Python entry point.
    public const string EnvironmentDirectoryMissing = "RLENV1000";
    public const string EntryPointMissing = "RLENV1001";
    public const string LoadEnvironmentMissing = "RLENV1002";
    public const string ImportedModuleNotPacked = "RLENV1003";
    public const string SpecialFileSkipped = "RLENV1004";
    public const string SymlinkSkipped = "RLENV1005";
    public const string PythonTokenizeError = "RLENV1006";
    public const string SecretFileExcluded = "RLENV1007";

    // 1100s: paths that would break the artifact on another operating system.
    public const string PathControlCharacter = "RLENV1101";
    public const string PathReservedCharacter = "RLENV1102";
    public const string PathTrailingDotOrSpace = "RLENV1103";
    public const string PathDeviceName = "RLENV1104";
    public const string PathInvalidUtf8 = "RLENV1105";
    public const string PathCollision = "RLENV1106";

    // 2000s: dataset records, line by line.
    public const string InvalidUtf8 = "RLENV2001";
    public const string JsonSyntax = "RLENV2002";
    public const string Utf8Bom = "RLENV2003";
    public const string RecordNotObject = "RLENV2004";
    public const string DuplicateKey = "RLENV2005";
    public const string LineTooLong = "RLENV2006";
    public const string InputInvalid = "RLENV2010";
    public const string OutputInvalid = "RLENV2011";
    public const string MessageInvalid = "RLENV2012";
    public const string ToolCallInvalid = "RLENV2013";
    public const string ToolCallIdUnmatched = "RLENV2014";
    public const string MetadataInvalid = "RLENV2015";
    public const string ImageInvalid = "RLENV2016";
    public const string KeyDropped = "RLENV2020";
    public const string ThinkBlockMissing = "RLENV2021";
    public const string MoreDiagnostics = "RLENV2099";

    // 2100s: splits and the dataset as a whole.
    public const string SplitNameInvalid = "RLENV2101";
    public const string SplitEmpty = "RLENV2102";
    public const string DatasetsFolder = "RLENV2103";
    public const string DuplicateInputs = "RLENV2104";
    public const string SplitLeakage = "RLENV2105";
    public const string CsvHeader = "RLENV2110";
    public const string CsvRow = "RLENV2111";
    public const string CsvColumnDropped = "RLENV2112";
    public const string JsonFileShape = "RLENV2113";
    public const string BsonDocument = "RLENV2114";

    // 2200s: configs.
    public const string TomlSyntax = "RLENV2201";
    public const string EnvironmentIdInvalid = "RLENV2202";
    public const string SplitNotFound = "RLENV2203";
    public const string DatasetPathNotFound = "RLENV2204";
    public const string ConfigWithoutEnvironment = "RLENV2205";

    // 2300s: ReinforceNow projects.
    public const string RnMessagesInvalid = "RLENV2301";
    public const string RnNoUserMessage = "RLENV2302";
    public const string RnSystemNotFirst = "RLENV2303";
    public const string RnRewardUndefined = "RLENV2304";
    public const string RnToolUndefined = "RLENV2305";
    public const string RnDockerRequired = "RLENV2306";
    public const string RnDockerOptionWithoutDocker = "RLENV2307";
    public const string RnFieldNotObject = "RLENV2308";
    public const string RnUnknownField = "RLENV2309";
    public const string RnConfigInvalid = "RLENV2310";
    public const string RnDatasetType = "RLENV2311";
    public const string RnConfigUnknownKey = "RLENV2312";

    // 2400s: RunRL projects.
    public const string RunRlPromptInvalid = "RLENV2401";
    public const string RunRlRewardMissing = "RLENV2402";
    public const string RunRlRewardForm = "RLENV2403";
    public const string RunRlFewPrompts = "RLENV2404";

    // 2500s: converting between formats.
    public const string ConvertFieldDropped = "RLENV2501";
    public const string ConvertRecordInvalid = "RLENV2502";

    // 2600s: registries.
    public const string RegistryReferenceInvalid = "RLENV2601";
    public const string RegistryUnreachable = "RLENV2602";
    public const string RegistryRefused = "RLENV2603";
    public const string VersionExists = "RLENV2604";
    public const string VersionNotFound = "RLENV2605";
    public const string PulledBlobMismatch = "RLENV2606";
    public const string PulledArtifactUnsafe = "RLENV2607";
    public const string PullTargetNotEmpty = "RLENV2608";
    public const string RegistryDocumentInvalid = "RLENV2609";
    public const string RegistryAuthFailed = "RLENV2610";
    public const string RegistryDigestMismatch = "RLENV2611";

    // 1500s: content the hub refuses.
    public const string AccessToken = "RLENV1501";

    // 1600s: the hub's caps and the integrity of what was read.
    public const string UncompressedCapExceeded = "RLENV1601";
    public const string MemberCapExceeded = "RLENV1602";
    public const string TarStreamCapExceeded = "RLENV1603";
    public const string CompressedCapExceeded = "RLENV1604";
    public const string FileChangedWhilePacking = "RLENV1605";
    public const string FileUnreadable = "RLENV1606";
    public const string PackCancelled = "RLENV1607";
    public const string FileTooLargeToRead = "RLENV1608";

    // 1700s: name and version.
    public const string InvalidVersion = "RLENV1701";
    public const string InvalidName = "RLENV1702";
    public const string InvalidSourceDateEpoch = "RLENV1703";
    public const string InvalidOption = "RLENV1704";

    // 1800s: artifacts read back.
    public const string ArtifactUnreadable = "RLENV1801";
    public const string ArtifactManifestMismatch = "RLENV1802";
    public const string ArtifactUnsafeMember = "RLENV1803";
    public const string OutputNotWritable = "RLENV1804";
    public const string ArtifactOverCap = "RLENV1805";
    public const string ArtifactExtendedHeaderTooLarge = "RLENV1806";
    public const string ArtifactNotAFile = "RLENV1807";
}
