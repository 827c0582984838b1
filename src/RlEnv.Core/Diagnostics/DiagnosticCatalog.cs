using System.Runtime.CompilerServices;

namespace RlEnv.Core.Diagnostics;

/// <summary>
/// The diagnostic catalog: every code the engine, the CLI and the SDK report, with its severity, title and kind, and
/// (in the DiagnosticCatalog.*.cs files beside this one) one method per message. Codes are part of the tool's contract:
/// never renumber one, and give each a page under docs/diagnostics/ (a test holds the pages, the index and this table together).
/// </summary>
public static partial class DiagnosticCatalog
{
    // 0001-0003: the MSBuild SDK's own problems (RLENV0001 is raised by Sdk.targets itself, with this title).
    public static readonly DiagnosticDescriptor SdkTasksUnavailable = new("RLENV0001", Severity.Error, "MSBuild cannot run the RlEnv tasks", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InvalidRulesProperty = new("RLENV0002", Severity.Error, "Invalid RlEnvRules", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InvalidNumberProperty = new("RLENV0003", Severity.Error, "Invalid number property", DiagnosticKind.Usage);

    // 0010s: how a run of the tool ended.
    public static readonly DiagnosticDescriptor Cancelled = new("RLENV0010", Severity.Error, "Cancelled", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InternalFailure = new("RLENV0011", Severity.Error, "Internal failure", DiagnosticKind.Usage);

    // 0012-0014: options that cannot be combined.
    public static readonly DiagnosticDescriptor OptionsConflict = new("RLENV0012", Severity.Error, "Options conflict", DiagnosticKind.Usage);

    // 1000s: the environment's shape and its Python entry point.
    public static readonly DiagnosticDescriptor EnvironmentDirectoryMissing = new("RLENV1000", Severity.Error, "Environment folder not found", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor EntryPointMissing = new("RLENV1001", Severity.Error, "environment.py is missing");
    public static readonly DiagnosticDescriptor LoadEnvironmentMissing = new("RLENV1002", Severity.Error, "load_environment is not defined");
    public static readonly DiagnosticDescriptor ImportedModuleNotPacked = new("RLENV1003", Severity.Warning, "Imported module is not packed");
    public static readonly DiagnosticDescriptor SpecialFileSkipped = new("RLENV1004", Severity.Info, "Special file skipped");
    public static readonly DiagnosticDescriptor SymlinkSkipped = new("RLENV1005", Severity.Info, "Symbolic link skipped");
    public static readonly DiagnosticDescriptor PythonTokenizeError = new("RLENV1006", Severity.Error, "Python file cannot be tokenized", DiagnosticKind.Content, Severity.Warning);
    public static readonly DiagnosticDescriptor SecretFileExcluded = new("RLENV1007", Severity.Info, "Credential file left out");
    public static readonly DiagnosticDescriptor EnvironmentRootIsLink = new("RLENV1008", Severity.Error, "Environment folder is a symbolic link");
    public static readonly DiagnosticDescriptor IncludeRefused = new("RLENV1009", Severity.Warning, "Include cannot ship a path Flash never ships");
    public static readonly DiagnosticDescriptor PythonSyntaxInvalid = new("RLENV1010", Severity.Error, "Python file does not compile", DiagnosticKind.Content, Severity.Warning);
    public static readonly DiagnosticDescriptor PythonSyntaxUnchecked = new("RLENV1011", Severity.Info, "Python syntax not checked");
    public static readonly DiagnosticDescriptor PythonSyntaxTooNew = new("RLENV1012", Severity.Warning, "Python syntax newer than the platform's Python");

    // 1100s: paths the hub changes or cannot hold (errors), paths only another system cannot hold (warnings: Flash
    // pushes them and the Linux worker runs them), and a load_environment RlEnv cannot see.
    public static readonly DiagnosticDescriptor PathControlCharacter = new("RLENV1101", Severity.Error, "Control character in a path");
    public static readonly DiagnosticDescriptor PathReservedCharacter = new("RLENV1102", Severity.Warning, "Reserved character in a path");
    public static readonly DiagnosticDescriptor PathTrailingDotOrSpace = new("RLENV1103", Severity.Warning, "Name ends with a dot or a space");
    public static readonly DiagnosticDescriptor PathDeviceName = new("RLENV1104", Severity.Warning, "Windows device name");
    public static readonly DiagnosticDescriptor PathInvalidUtf8 = new("RLENV1105", Severity.Error, "Path is not valid UTF-8");
    public static readonly DiagnosticDescriptor PathCollision = new("RLENV1106", Severity.Warning, "Paths collide on case-insensitive systems");
    public static readonly DiagnosticDescriptor PathBackslash = new("RLENV1107", Severity.Error, "Backslash in a path");
    public static readonly DiagnosticDescriptor LoadEnvironmentConditional = new("RLENV1108", Severity.Warning, "load_environment is defined only conditionally");
    public static readonly DiagnosticDescriptor LoadEnvironmentUnseen = new("RLENV1109", Severity.Warning, "load_environment may come from code RlEnv does not follow");

    // 2000s: dataset records, line by line.
    public static readonly DiagnosticDescriptor InvalidUtf8 = new("RLENV2001", Severity.Error, "Invalid UTF-8 in a dataset file");
    public static readonly DiagnosticDescriptor JsonSyntax = new("RLENV2002", Severity.Error, "Invalid JSON");
    public static readonly DiagnosticDescriptor Utf8Bom = new("RLENV2003", Severity.Error, "UTF-8 byte-order mark");
    public static readonly DiagnosticDescriptor RecordNotObject = new("RLENV2004", Severity.Error, "Record is not a JSON object");
    public static readonly DiagnosticDescriptor DuplicateKey = new("RLENV2005", Severity.Error, "Duplicate key");
    public static readonly DiagnosticDescriptor LineTooLong = new("RLENV2006", Severity.Error, "Line over the cap");
    public static readonly DiagnosticDescriptor InputInvalid = new("RLENV2010", Severity.Error, "Missing or invalid input");
    public static readonly DiagnosticDescriptor OutputInvalid = new("RLENV2011", Severity.Error, "Invalid output");
    public static readonly DiagnosticDescriptor MessageInvalid = new("RLENV2012", Severity.Error, "Invalid message");
    public static readonly DiagnosticDescriptor ToolCallInvalid = new("RLENV2013", Severity.Error, "Invalid tool call");
    public static readonly DiagnosticDescriptor ToolCallIdUnmatched = new("RLENV2014", Severity.Error, "Unmatched tool result");
    public static readonly DiagnosticDescriptor MetadataInvalid = new("RLENV2015", Severity.Error, "Invalid metadata");
    public static readonly DiagnosticDescriptor ImageInvalid = new("RLENV2016", Severity.Error, "Invalid image reference");
    public static readonly DiagnosticDescriptor KeyDropped = new("RLENV2020", Severity.Warning, "Key dropped by Flash");
    public static readonly DiagnosticDescriptor ThinkBlockMissing = new("RLENV2021", Severity.Error, "Missing <think> block");
    public static readonly DiagnosticDescriptor MoreDiagnostics = new("RLENV2099", Severity.Info, "More diagnostics of one code");

    // 2100s: splits and the dataset as a whole.
    public static readonly DiagnosticDescriptor SplitNameInvalid = new("RLENV2101", Severity.Error, "Invalid split name");
    public static readonly DiagnosticDescriptor SplitEmpty = new("RLENV2102", Severity.Error, "Empty split");
    public static readonly DiagnosticDescriptor DatasetsFolder = new("RLENV2103", Severity.Warning, "datasets/ folder", DiagnosticKind.Content, Severity.Error);
    public static readonly DiagnosticDescriptor DuplicateInputs = new("RLENV2104", Severity.Warning, "Duplicate inputs in a split");
    public static readonly DiagnosticDescriptor SplitLeakage = new("RLENV2105", Severity.Warning, "Train/eval leakage");
    public static readonly DiagnosticDescriptor CsvHeader = new("RLENV2110", Severity.Error, "CSV header");
    public static readonly DiagnosticDescriptor CsvRow = new("RLENV2111", Severity.Error, "CSV row");
    public static readonly DiagnosticDescriptor CsvColumnDropped = new("RLENV2112", Severity.Warning, "CSV column dropped");
    public static readonly DiagnosticDescriptor JsonFileShape = new("RLENV2113", Severity.Error, "Invalid .json split");
    public static readonly DiagnosticDescriptor BsonDocument = new("RLENV2114", Severity.Error, "Invalid BSON");

    // 2200s: configs.
    public static readonly DiagnosticDescriptor TomlSyntax = new("RLENV2201", Severity.Error, "Invalid TOML");
    public static readonly DiagnosticDescriptor EnvironmentIdInvalid = new("RLENV2202", Severity.Error, "Invalid environment id");
    public static readonly DiagnosticDescriptor SplitNotFound = new("RLENV2203", Severity.Error, "Split not found");
    public static readonly DiagnosticDescriptor DatasetPathNotFound = new("RLENV2204", Severity.Error, "dataset_path not in the artifact");
    public static readonly DiagnosticDescriptor ConfigWithoutEnvironment = new("RLENV2205", Severity.Warning, "Config without [environment]");
    public static readonly DiagnosticDescriptor ConfigUnknownKey = new("RLENV2206", Severity.Error, "Unknown config key");
    public static readonly DiagnosticDescriptor ConfigNotATable = new("RLENV2207", Severity.Error, "Config table of the wrong type");
    public static readonly DiagnosticDescriptor ConfigProjectInvalid = new("RLENV2208", Severity.Error, "Missing or invalid project");
    public static readonly DiagnosticDescriptor ConfigModelInvalid = new("RLENV2209", Severity.Error, "Missing or unsupported model");
    public static readonly DiagnosticDescriptor ConfigAlgorithmInvalid = new("RLENV2210", Severity.Error, "Unsupported algorithm");
    public static readonly DiagnosticDescriptor ConfigThinkingInvalid = new("RLENV2211", Severity.Error, "thinking does not fit the model");
    public static readonly DiagnosticDescriptor ConfigSeedInvalid = new("RLENV2212", Severity.Error, "Invalid seed");
    public static readonly DiagnosticDescriptor ConfigTrainValueInvalid = new("RLENV2213", Severity.Error, "Invalid [train] value");
    public static readonly DiagnosticDescriptor ConfigTrainKnobNotForAlgorithm = new("RLENV2214", Severity.Error, "[train] knob the algorithm cannot use");
    public static readonly DiagnosticDescriptor ConfigGrpoShapeInvalid = new("RLENV2215", Severity.Error, "Unsupported GRPO rollout shape");
    public static readonly DiagnosticDescriptor ConfigNoPromptBudget = new("RLENV2216", Severity.Error, "No prompt budget");
    public static readonly DiagnosticDescriptor ConfigOpdKlPenaltyZero = new("RLENV2217", Severity.Error, "OPD kl_penalty_coef is 0");
    public static readonly DiagnosticDescriptor ConfigLoraInvalid = new("RLENV2218", Severity.Error, "LoRA rank or alpha refused");
    public static readonly DiagnosticDescriptor ConfigGpuInvalid = new("RLENV2219", Severity.Error, "Invalid [gpu]");
    public static readonly DiagnosticDescriptor ConfigPipInvalid = new("RLENV2220", Severity.Error, "Invalid [environment] pip");
    public static readonly DiagnosticDescriptor ConfigSecretsInvalid = new("RLENV2221", Severity.Error, "Invalid [environment] secrets");
    public static readonly DiagnosticDescriptor ConfigWandbInvalid = new("RLENV2222", Severity.Error, "Invalid [wandb]");
    public static readonly DiagnosticDescriptor EnvironmentIdSelfHostedOnly = new("RLENV2223", Severity.Warning, "GitHub environment id: self-hosted plane only");
    public static readonly DiagnosticDescriptor SplitParameterInvalid = new("RLENV2224", Severity.Error, "split is not a simple dataset name");
    public static readonly DiagnosticDescriptor RecordsParameterInvalid = new("RLENV2225", Severity.Error, "Invalid inline records");
    public static readonly DiagnosticDescriptor DatasetParameterIgnored = new("RLENV2226", Severity.Warning, "Dataset parameter Flash ignores");
    public static readonly DiagnosticDescriptor SftDatasetUnprofilable = new("RLENV2227", Severity.Error, "SFT dataset Flash cannot profile");

    // 2300s: ReinforceNow projects.
    public static readonly DiagnosticDescriptor RnMessagesInvalid = new("RLENV2301", Severity.Error, "Entry without messages");
    public static readonly DiagnosticDescriptor RnNoUserMessage = new("RLENV2302", Severity.Error, "No user message");
    public static readonly DiagnosticDescriptor RnSystemNotFirst = new("RLENV2303", Severity.Error, "System message not first");
    public static readonly DiagnosticDescriptor RnRewardUndefined = new("RLENV2304", Severity.Error, "Reward not defined");
    public static readonly DiagnosticDescriptor RnToolUndefined = new("RLENV2305", Severity.Error, "Tool not defined");
    public static readonly DiagnosticDescriptor RnDockerRequired = new("RLENV2306", Severity.Error, "Sandbox needs docker");
    public static readonly DiagnosticDescriptor RnDockerOptionWithoutDocker = new("RLENV2307", Severity.Error, "docker_env without docker");
    public static readonly DiagnosticDescriptor RnFieldNotObject = new("RLENV2308", Severity.Error, "metadata or variables not an object");
    public static readonly DiagnosticDescriptor RnUnknownField = new("RLENV2309", Severity.Warning, "Unknown entry field");
    public static readonly DiagnosticDescriptor RnConfigInvalid = new("RLENV2310", Severity.Error, "Invalid config.yml");
    public static readonly DiagnosticDescriptor RnDatasetType = new("RLENV2311", Severity.Error, "Invalid dataset_type");
    public static readonly DiagnosticDescriptor RnConfigUnknownKey = new("RLENV2312", Severity.Error, "Unknown config.yml key");
    public static readonly DiagnosticDescriptor RnConfigEmpty = new("RLENV2313", Severity.Error, "Empty config.yml");
    public static readonly DiagnosticDescriptor RnConfigFieldRequired = new("RLENV2314", Severity.Error, "Required config field missing");
    public static readonly DiagnosticDescriptor RnConfigFieldType = new("RLENV2315", Severity.Error, "Config value of the wrong type");
    public static readonly DiagnosticDescriptor RnConfigFieldRange = new("RLENV2316", Severity.Error, "Config value out of range");
    public static readonly DiagnosticDescriptor RnConfigSaveStep = new("RLENV2317", Severity.Error, "save_step is 0");
    public static readonly DiagnosticDescriptor RnConfigChoice = new("RLENV2318", Severity.Error, "Config value not one of the choices");
    public static readonly DiagnosticDescriptor RnModelNotSupported = new("RLENV2319", Severity.Error, "Unsupported model");
    public static readonly DiagnosticDescriptor RnQloraRank = new("RLENV2320", Severity.Error, "qlora_rank above the model's maximum");
    public static readonly DiagnosticDescriptor RnTeacherRequired = new("RLENV2321", Severity.Error, "distill without teacher");
    public static readonly DiagnosticDescriptor RnTeacherRefused = new("RLENV2322", Severity.Error, "teacher outside distill");
    public static readonly DiagnosticDescriptor RnTeacherModel = new("RLENV2323", Severity.Error, "Unsupported teacher model");
    public static readonly DiagnosticDescriptor RnConfigDuplicateKey = new("RLENV2324", Severity.Warning, "Repeated config key");
    public static readonly DiagnosticDescriptor RnBatchSizeAboveRows = new("RLENV2325", Severity.Error, "batch_size above the train.jsonl samples");
    public static readonly DiagnosticDescriptor RnConfigNotFound = new("RLENV2326", Severity.Error, "No config.yml or config.json");
    public static readonly DiagnosticDescriptor RnConfigJsonShadowed = new("RLENV2327", Severity.Info, "config.json ignored beside config.yml");
    public static readonly DiagnosticDescriptor RnProjectIdEmpty = new("RLENV2328", Severity.Error, "No project_id");
    public static readonly DiagnosticDescriptor RnOrganizationFromLogin = new("RLENV2329", Severity.Info, "organization_id ignored");
    public static readonly DiagnosticDescriptor RnConfigCrash = new("RLENV2330", Severity.Error, "Config rnow cannot load");
    public static readonly DiagnosticDescriptor RnModelWithoutTools = new("RLENV2331", Severity.Error, "Model without tool calling");
    public static readonly DiagnosticDescriptor RnMultiModel = new("RLENV2332", Severity.Info, "One run per model");
    public static readonly DiagnosticDescriptor RnSectionUnused = new("RLENV2333", Severity.Info, "Section dropped for this dataset_type");
    public static readonly DiagnosticDescriptor RnTrainFileSetting = new("RLENV2334", Severity.Warning, "data.train_file ignored");
    public static readonly DiagnosticDescriptor RnRowNonFiniteNumber = new("RLENV2335", Severity.Warning, "NaN or Infinity in a train.jsonl row");
    public static readonly DiagnosticDescriptor RnRowRepeatedKey = new("RLENV2336", Severity.Warning, "Repeated key in a train.jsonl row");
    public static readonly DiagnosticDescriptor RnRowLoneCarriageReturn = new("RLENV2337", Severity.Warning, "train.jsonl line ended by a lone CR");
    public static readonly DiagnosticDescriptor RnContextWindowTooSmall = new("RLENV2338", Severity.Error, "No room for generation in max_context_window");

    // 2340-2359: ReinforceNow train.jsonl rows (the entry model dataset_type chooses) and the upload set.
    public static readonly DiagnosticDescriptor RnMidtrainText = new("RLENV2340", Severity.Error, "Midtrain row without text");
    public static readonly DiagnosticDescriptor RnRlRewardsMissing = new("RLENV2341", Severity.Error, "RL entry without rewards");
    public static readonly DiagnosticDescriptor RnMessageInvalid = new("RLENV2342", Severity.Error, "Message rnow refuses");
    public static readonly DiagnosticDescriptor RnDockerFieldType = new("RLENV2343", Severity.Error, "docker or docker_env of the wrong type");
    public static readonly DiagnosticDescriptor RnTrainEmpty = new("RLENV2344", Severity.Error, "train.jsonl has no lines");
    public static readonly DiagnosticDescriptor RnSandboxOmittedTools = new("RLENV2345", Severity.Warning, "Sandbox tool reachable only through an omitted tools");
    public static readonly DiagnosticDescriptor RnToolCallForm = new("RLENV2346", Severity.Error, "Tool call not in the guide's form");
    public static readonly DiagnosticDescriptor RnToolResultUnmatched = new("RLENV2347", Severity.Warning, "Tool result without its call");
    public static readonly DiagnosticDescriptor RnEnvFileAsSecrets = new("RLENV2348", Severity.Info, ".env sent as run secrets");
    public static readonly DiagnosticDescriptor RnDatasetTypeUnknownForRows = new("RLENV2349", Severity.Info, "Rows checked without a dataset_type");
    public static readonly DiagnosticDescriptor RnRequirementsToml = new("RLENV2350", Severity.Error, "requirements.txt in TOML form");
    public static readonly DiagnosticDescriptor RnRequirementInvalid = new("RLENV2351", Severity.Error, "Requirement rnow cannot parse");
    public static readonly DiagnosticDescriptor RnRequirementExcluded = new("RLENV2352", Severity.Error, "Requirement excluded for Python 3.11");
    public static readonly DiagnosticDescriptor RnRequirementMachineMarker = new("RLENV2353", Severity.Warning, "Requirement marker that depends on the machine running rnow");
    public static readonly DiagnosticDescriptor RnRequirementsUnreadable = new("RLENV2354", Severity.Error, "requirements.txt is not UTF-8");
    public static readonly DiagnosticDescriptor RnRewardsFileMissing = new("RLENV2355", Severity.Error, "rl project without rewards.py");

    // 2360-2379: ReinforceNow's rewards.py and tools.py, as rnow run and the import check them.
    public static readonly DiagnosticDescriptor RnRewardSignatureRefused = new("RLENV2360", Severity.Error, "Reward signature rnow run refuses");
    public static readonly DiagnosticDescriptor RnRewardConstantOutsideRange = new("RLENV2361", Severity.Error, "Reward returns a constant outside [0, 1]");
    public static readonly DiagnosticDescriptor RnRewardImportRefused = new("RLENV2362", Severity.Error, "Reward the import of rewards.py refuses");
    public static readonly DiagnosticDescriptor RnDecoratorNotSeen = new("RLENV2363", Severity.Warning, "Decorator rnow run does not see");
    public static readonly DiagnosticDescriptor RnToolSignatureRefused = new("RLENV2364", Severity.Error, "Tool rnow run refuses");
    public static readonly DiagnosticDescriptor RnToolImportRefused = new("RLENV2365", Severity.Error, "Tool the import of tools.py refuses");
    public static readonly DiagnosticDescriptor RnFunctionRedefined = new("RLENV2366", Severity.Warning, "Reward or tool defined twice");
    public static readonly DiagnosticDescriptor RnRewardsEmpty = new("RLENV2367", Severity.Error, "Empty rewards.py");

    // 2400s: RunRL projects.
    public static readonly DiagnosticDescriptor RunRlPromptInvalid = new("RLENV2401", Severity.Error, "Invalid RunRL prompt");
    public static readonly DiagnosticDescriptor RunRlRewardMissing = new("RLENV2402", Severity.Error, "Reward function missing or misdeclared");
    public static readonly DiagnosticDescriptor RunRlRewardForm = new("RLENV2403", Severity.Info, "Reward function form found");
    public static readonly DiagnosticDescriptor RunRlFewPrompts = new("RLENV2404", Severity.Warning, "Fewer than 100 prompts");
    public static readonly DiagnosticDescriptor RunRlRewardOldForm = new("RLENV2405", Severity.Warning, "Old reward_func form");
    public static readonly DiagnosticDescriptor RunRlRewardNotChosen = new("RLENV2406", Severity.Info, "Reward function in a file the run does not take");
    public static readonly DiagnosticDescriptor RunRlEnvironmentFound = new("RLENV2407", Severity.Info, "Environment class found");
    public static readonly DiagnosticDescriptor RunRlPromptFileMissing = new("RLENV2408", Severity.Error, "No prompt file");

    // 2500s: converting between formats.
    public static readonly DiagnosticDescriptor ConvertFieldDropped = new("RLENV2501", Severity.Warning, "Field the target format cannot hold");
    public static readonly DiagnosticDescriptor ConvertRecordInvalid = new("RLENV2502", Severity.Error, "Record is not of the source format");
    public static readonly DiagnosticDescriptor ConvertNoCounterpart = new("RLENV2503", Severity.Error, "Record has no counterpart in the target format");
    public static readonly DiagnosticDescriptor ConvertRecordReshaped = new("RLENV2504", Severity.Warning, "Record written as another kind");

    // 2600s: registries.
    public static readonly DiagnosticDescriptor RegistryReferenceInvalid = new("RLENV2601", Severity.Error, "Invalid registry reference", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor RegistryUnreachable = new("RLENV2602", Severity.Error, "Registry unreachable", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor RegistryRefused = new("RLENV2603", Severity.Error, "Registry refused", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor VersionExists = new("RLENV2604", Severity.Error, "Version already published", DiagnosticKind.Content, Severity.Info);
    public static readonly DiagnosticDescriptor VersionNotFound = new("RLENV2605", Severity.Error, "No matching version");
    public static readonly DiagnosticDescriptor PulledBlobMismatch = new("RLENV2606", Severity.Error, "Pulled layer does not match");
    public static readonly DiagnosticDescriptor PulledArtifactUnsafe = new("RLENV2607", Severity.Error, "Unsafe artifact");
    public static readonly DiagnosticDescriptor PullTargetNotEmpty = new("RLENV2608", Severity.Error, "Pull target not empty");
    public static readonly DiagnosticDescriptor RegistryDocumentInvalid = new("RLENV2609", Severity.Error, "Registry document invalid");
    public static readonly DiagnosticDescriptor RegistryAuthFailed = new("RLENV2610", Severity.Error, "Registry authentication failed", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor RegistryDigestMismatch = new("RLENV2611", Severity.Error, "Registry stored other bytes", DiagnosticKind.Usage);

    // 2620s-2630s: publishing to the Freesolo hub (POST /v1/envs of Flash's control plane).
    public static readonly DiagnosticDescriptor HubDestinationInvalid = new("RLENV2620", Severity.Error, "Invalid Freesolo destination", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubKeyMissing = new("RLENV2621", Severity.Error, "No Freesolo API key", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubApiUrlRefused = new("RLENV2622", Severity.Error, "Freesolo API URL refused", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubKeyUnusable = new("RLENV2623", Severity.Error, "Freesolo API key cannot be sent", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubArtifactNotFreesolo = new("RLENV2624", Severity.Error, "Artifact is not a Freesolo environment");
    public static readonly DiagnosticDescriptor HubBlockedTopLevelPath = new("RLENV2625", Severity.Error, "Top-level path the hub refuses");
    public static readonly DiagnosticDescriptor HubEntryPointNotAtRoot = new("RLENV2626", Severity.Error, "No environment.py at the archive root");
    public static readonly DiagnosticDescriptor HubCheckoutTooLarge = new("RLENV2627", Severity.Error, "Too many files and folders for the hub to serve");
    public static readonly DiagnosticDescriptor HubUnreachable = new("RLENV2628", Severity.Error, "Freesolo hub unreachable", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubKeyRefused = new("RLENV2629", Severity.Error, "Freesolo API key refused", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubProjectRefused = new("RLENV2630", Severity.Error, "Project refused for this key", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubPackageRefused = new("RLENV2631", Severity.Error, "Hub refused the package");
    public static readonly DiagnosticDescriptor HubFailed = new("RLENV2632", Severity.Error, "Hub failed", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubAssociationNotRecorded = new("RLENV2633", Severity.Error, "Project association not recorded", DiagnosticKind.Usage, Severity.Info);
    public static readonly DiagnosticDescriptor HubAnswerUnexpected = new("RLENV2634", Severity.Error, "Unexpected answer from the hub", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor HubBareNameOverwrites = new("RLENV2635", Severity.Info, "Bare name overwrites");

    // 1500s: content the hub refuses.
    public static readonly DiagnosticDescriptor AccessToken = new("RLENV1501", Severity.Error, "Access token in a packed file");
    public static readonly DiagnosticDescriptor EntryPointByteOrderMark = new("RLENV1502", Severity.Warning, "environment.py starts with a byte-order mark");

    // 1600s: the hub's caps and the integrity of what was read.
    public static readonly DiagnosticDescriptor UncompressedCapExceeded = new("RLENV1601", Severity.Error, "Uncompressed size over the cap");
    public static readonly DiagnosticDescriptor MemberCapExceeded = new("RLENV1602", Severity.Error, "Too many archive members");
    public static readonly DiagnosticDescriptor TarStreamCapExceeded = new("RLENV1603", Severity.Error, "Decompressed tar stream over the bound");
    public static readonly DiagnosticDescriptor CompressedCapExceeded = new("RLENV1604", Severity.Error, "Compressed size over the cap");
    public static readonly DiagnosticDescriptor FileChangedWhilePacking = new("RLENV1605", Severity.Error, "File changed while packing");
    public static readonly DiagnosticDescriptor FileUnreadable = new("RLENV1606", Severity.Error, "File or folder cannot be read");
    public static readonly DiagnosticDescriptor FileTooLargeToRead = new("RLENV1608", Severity.Error, "File too large to read as a config or code file", DiagnosticKind.Content, Severity.Warning);
    public static readonly DiagnosticDescriptor FileOverHubFileCap = new("RLENV1609", Severity.Error, "File over the hub's per-file limit");

    // 1700s: name and version.
    public static readonly DiagnosticDescriptor InvalidVersion = new("RLENV1701", Severity.Error, "Invalid version", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InvalidName = new("RLENV1702", Severity.Error, "Invalid name", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InvalidSourceDateEpoch = new("RLENV1703", Severity.Error, "Invalid SOURCE_DATE_EPOCH", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor InvalidOption = new("RLENV1704", Severity.Error, "Invalid command-line option or property value", DiagnosticKind.Usage);

    // 1800s: artifacts read back.
    public static readonly DiagnosticDescriptor ArtifactUnreadable = new("RLENV1801", Severity.Error, "Artifact cannot be read");
    public static readonly DiagnosticDescriptor ArtifactManifestMismatch = new("RLENV1802", Severity.Error, "Artifact does not match its manifest");
    public static readonly DiagnosticDescriptor ArtifactUnsafeMember = new("RLENV1803", Severity.Error, "Unsafe archive member");
    public static readonly DiagnosticDescriptor OutputNotWritable = new("RLENV1804", Severity.Error, "Output cannot be written", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor ArtifactOverCap = new("RLENV1805", Severity.Error, "Artifact past the hub's caps");
    public static readonly DiagnosticDescriptor ArtifactExtendedHeaderTooLarge = new("RLENV1806", Severity.Error, "Extended header too large");
    public static readonly DiagnosticDescriptor ArtifactNotAFile = new("RLENV1807", Severity.Error, "Artifact is not a regular file", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor OutputLocked = new("RLENV1808", Severity.Error, "Another pack is writing this artifact", DiagnosticKind.Usage);
    public static readonly DiagnosticDescriptor OutputClaimedByAnotherProject = new("RLENV1809", Severity.Error, "Two projects write the same artifact", DiagnosticKind.Usage);

    /// <summary>Runs this class's initializer, so every descriptor above has registered itself.</summary>
    internal static void EnsureDeclared() => RuntimeHelpers.RunClassConstructor(typeof(DiagnosticCatalog).TypeHandle);
}
