using RlEnv.Core.Diagnostics;
using RlEnv.Core.Tests.Support;

namespace RlEnv.Core.Tests.Platforms.Freesolo;

/// <summary>
/// Issue 11, item 5: Flash pushes every environment.py below (its push never looks for load_environment), so RlEnv
/// refuses one only when load_environment is certainly absent, and warns where the file alone cannot tell.
/// </summary>
public class LoadEnvironmentTests
{
    private const string Impl = "def load_environment(**params):\n    return None\n";

    private static IReadOnlyList<Diagnostic> Analyze(string entryPoint)
    {
        var env = new MockEnvironment(withEntryPoint: false)
            .File("environment.py", entryPoint)
            .File("impl.py", Impl)
            .File("fallback.py", Impl);
        return Analysis.Run(env.FileSystem, MockEnvironment.Root).Diagnostics;
    }

    private static readonly string[] LoadEnvironmentCodes = ["RLENV1002", "RLENV1108", "RLENV1109"];

    private static List<Diagnostic> Findings(string entryPoint) => [.. Analyze(entryPoint).Where(d => LoadEnvironmentCodes.Contains(d.Code))];

    public static TheoryData<string> Certain() =>
    [
        "def load_environment(**params):\n    return None\n",
        "async def load_environment(**params):\n    return None\n",
        "@functools.cache\ndef load_environment(**params):\n    return None\n",
        "class load_environment:\n    pass\n",
        "load_environment = make()\n",
        "load_environment: Callable = make()\n",
        "x = load_environment = make()\n",
        "other, load_environment = make(), make()\n",
        "[first, (load_environment, *rest)] = make()\n",
        "from impl import load_environment\n",
        "from .impl import load_environment\n",
        "from impl import make as load_environment\n",
        "from impl import (\n    other,\n    load_environment,\n)\n",
        "import impl\nload_environment = impl.load_environment\n",
        "with ctx():\n    def load_environment(**params):\n        return None\n",
        "with ctx() as load_environment:\n    pass\n",
        // Flash's own relative-import fallback (T:997) binds it on both paths.
        "try:\n    from .impl import load_environment\nexcept ImportError:\n    from impl import load_environment\n",
        "try: from impl import load_environment\nexcept ImportError: from fallback import load_environment\n",
        "try:\n    from impl import load_environment\nexcept ImportError:\n    raise\n",
        "try:\n    import heavy\nexcept ImportError:\n    heavy = None\nfinally:\n    load_environment = make()\n",
        "try:\n    import heavy\nexcept ImportError:\n    load_environment = slow\nelse:\n    load_environment = fast\n",
        "if FAST:\n    load_environment = fast\nelse:\n    load_environment = slow\n",
        "if A:\n    load_environment = a\nelif B:\n    load_environment = b\nelse:\n    raise RuntimeError('no backend')\n",
        "if A: load_environment = a\nelse: load_environment = b\n",
    ];

    [Theory]
    [MemberData(nameof(Certain))]
    public void Load_environment_bound_on_every_path_passes_silently(string entryPoint) => Assert.Empty(Findings(entryPoint));

    public static TheoryData<string, int> Conditional() => new()
    {
        { "if True:\n    def load_environment(**params):\n        return None\n", 2 },
        { "import os\nif os.environ.get('X'):\n    load_environment = make()\n", 3 },
        { "if TYPE_CHECKING:\n    from impl import load_environment\n", 2 },
        { "try:\n    from impl import load_environment\nexcept ImportError:\n    pass\n", 2 },
        { "if A:\n    load_environment = a\nelif B:\n    load_environment = b\n", 2 },
        { "for _ in range(1):\n    load_environment = make()\n", 2 },
        { "for load_environment in [make()]:\n    pass\n", 1 },
        { "while True:\n    load_environment = make()\n    break\n", 2 },
        { "if A: load_environment = make()\n", 1 },
        { "print(load_environment := make())\n", 1 },
        { "match mode:\n    case 'x':\n        load_environment = make()\n", 3 },
    };

    [Theory]
    [MemberData(nameof(Conditional))]
    public void Load_environment_bound_only_on_some_paths_is_an_RLENV1108_warning_at_the_binding(string entryPoint, int line)
    {
        var finding = Assert.Single(Findings(entryPoint));

        Assert.Equal(("RLENV1108", Severity.Warning, "environment.py", line), (finding.Code, finding.Severity, finding.File, finding.Line));
    }

    public static TheoryData<string, int, string> Unseen() => new()
    {
        { "from impl import *\n", 1, "from impl import *" },
        { "import sys\nif sys.version_info >= (3, 11):\n    from impl import *\n", 3, "from impl import *" },
        { "globals()['load_environment'] = make()\n", 1, "globals()" },
        { "globals().update(load_environment=make())\n", 1, "globals()" },
        { "import sys\nsetattr(sys.modules[__name__], 'load_environment', make())\n", 2, "sys.modules[__name__]" },
        { "def __getattr__(name):\n    return make()\n", 1, "__getattr__" },
        { "def install():\n    global load_environment\n    load_environment = make()\n\ninstall()\n", 2, "global load_environment" },
        { "exec('def load_environment(**params): pass')\n", 1, "exec()" },
    };

    [Theory]
    [MemberData(nameof(Unseen))]
    public void Load_environment_from_code_rlenv_does_not_follow_is_an_RLENV1109_warning_naming_it(string entryPoint, int line, string named)
    {
        var finding = Assert.Single(Findings(entryPoint));

        Assert.Equal(("RLENV1109", Severity.Warning, line), (finding.Code, finding.Severity, finding.Line));
        Assert.Contains(named, finding.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Absent() =>
    [
        "def load_env():\n    pass\n",
        "class Env:\n    def load_environment(self):\n        pass\n",
        "def outer():\n    def load_environment(**params):\n        pass\n",
        "def outer():\n    load_environment = make()\n",
        "x = load_environment\n",
        "# def load_environment(**params): pass\n",
        "\"\"\"def load_environment(**params): pass\"\"\"\n",
        "load_environment: Callable\n",
        "env.load_environment = make()\n",
        "table[load_environment] = 1\n",
        "load_environment += 1\n",
        "configure(load_environment=make())\n",
        "make = lambda load_environment=1: load_environment\n",
        "names = [load_environment for load_environment in ()]\n",
        "try:\n    pass\nexcept ImportError as load_environment:\n    pass\n",
        "import load_environment_helpers\n",
    ];

    [Theory]
    [MemberData(nameof(Absent))]
    public void Load_environment_certainly_absent_stays_an_RLENV1002_error(string entryPoint)
    {
        var finding = Assert.Single(Findings(entryPoint));

        Assert.Equal(("RLENV1002", Severity.Error), (finding.Code, finding.Severity));
    }
}
