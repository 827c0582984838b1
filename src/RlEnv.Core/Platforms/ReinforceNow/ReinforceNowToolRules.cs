// Mirrors rnow's two checks of a @tool function:
// - what `rnow run` refuses before upload, rnow/core/tool.py, validate_tools_file (480-518): a non-empty docstring
//   (ast.get_docstring), no *x, no **x, a return annotation, and an annotation on every parameter of
//   ast.arguments.args and kwonlyargs but self, cls and args;
// - what the decorator refuses when the trainer imports tools.py (391-410): the same docstring, then
//   _validate_return_type (214-238: the return type must be JSON-serializable, _is_json_serializable_type 121-155),
//   then _infer_schema (158-211: every parameter but self, cls and args annotated, positional-only ones included).
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal static class ReinforceNowToolRules
{
    // tool.py:513 and 185-190: the instance, the class, and the ToolArgs the system injects.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "self", "cls", "args" };

    /// <summary>
    /// Every finding for one tool: both layers when <c>rnow run</c> sees it (a bare <c>@tool</c>), the import's alone
    /// when only the import does (<c>@core.tool</c>).
    /// </summary>
    /// <param name="file">tools.py, as displayed.</param>
    /// <param name="tool">The decorated def.</param>
    /// <param name="seenByRnowRun">Whether its decorator is one rnow run sees.</param>
    /// <param name="ownClasses">Classes the file defines at module level: never JSON-serializable return types.</param>
    public static IEnumerable<Diagnostic> Check(string file, PythonFunction tool, bool seenByRnowRun, IReadOnlySet<string> ownClasses) =>
        seenByRnowRun ? StaticLayer(file, tool).Concat(ImportLayer(file, tool, seenByRnowRun, ownClasses)) : ImportLayer(file, tool, seenByRnowRun, ownClasses);

    /// <summary>tool.py:480-518, in its order.</summary>
    /// <param name="file">tools.py, as displayed.</param>
    /// <param name="tool">The decorated def.</param>
    public static IEnumerable<Diagnostic> StaticLayer(string file, PythonFunction tool)
    {
        if (string.IsNullOrWhiteSpace(tool.Docstring))
        {
            yield return DiagnosticCatalog.RnToolDocstringMissing(file, tool.Name, tool.Line, tool.Column);
        }

        foreach (var star in tool.Parameters.Where(p => p.Kind is PythonParameterKind.VarPositional or PythonParameterKind.VarKeyword))
        {
            yield return DiagnosticCatalog.RnToolStarParameter(file, tool.Name, star.Display, tool.Line, tool.Column);
        }

        if (tool.ReturnAnnotation is null)
        {
            yield return DiagnosticCatalog.RnToolReturnAnnotationMissing(file, tool.Name, tool.Line, tool.Column);
        }

        foreach (var parameter in tool.Parameters.Where(p => p.Kind is PythonParameterKind.Positional or PythonParameterKind.KeywordOnly
            && p.Annotation is null && !Skipped.Contains(p.Name)))
        {
            yield return DiagnosticCatalog.RnToolParameterHintMissing(file, tool.Name, parameter.Name, tool.Line, tool.Column);
        }
    }

    /// <summary>
    /// tool.py:391-410 in its order. Where the static layer ran, only what it lets through: a return type that is not
    /// JSON-serializable, an unannotated positional-only parameter.
    /// </summary>
    /// <param name="file">tools.py, as displayed.</param>
    /// <param name="tool">The decorated def.</param>
    /// <param name="staticLayerRan">Whether <see cref="StaticLayer"/> reported on it too.</param>
    /// <param name="ownClasses">Classes the file defines at module level.</param>
    public static IEnumerable<Diagnostic> ImportLayer(string file, PythonFunction tool, bool staticLayerRan, IReadOnlySet<string> ownClasses)
    {
        if (!staticLayerRan && string.IsNullOrWhiteSpace(tool.Docstring))
        {
            yield return DiagnosticCatalog.RnToolImportDocstringMissing(file, tool.Name, tool.Line, tool.Column);
        }

        if (tool.ReturnAnnotation is null)
        {
            if (!staticLayerRan)
            {
                yield return DiagnosticCatalog.RnToolImportReturnMissing(file, tool.Name, tool.Line, tool.Column);
            }
        }
        else if (ReinforceNowTypeHints.IsJsonSerializable(tool.ReturnAnnotation, ownClasses) == HintVerdict.Refused)
        {
            yield return DiagnosticCatalog.RnToolImportReturnType(file, tool.Name, tool.ReturnAnnotation.Text, tool.Line, tool.Column);
        }

        if (!staticLayerRan)
        {
            foreach (var star in tool.Parameters.Where(p => p.Kind is PythonParameterKind.VarPositional or PythonParameterKind.VarKeyword))
            {
                yield return DiagnosticCatalog.RnToolImportStarParameter(file, tool.Name, star.Kind == PythonParameterKind.VarPositional, tool.Line, tool.Column);
            }
        }

        foreach (var parameter in tool.Parameters.Where(p => p.Annotation is null && !Skipped.Contains(p.Name)
            && p.Kind is not (PythonParameterKind.VarPositional or PythonParameterKind.VarKeyword)
            && (!staticLayerRan || p.Kind == PythonParameterKind.PositionalOnly)))
        {
            yield return DiagnosticCatalog.RnToolImportParameterHintMissing(file, tool.Name, parameter.Name, tool.Line, tool.Column);
        }
    }
}
