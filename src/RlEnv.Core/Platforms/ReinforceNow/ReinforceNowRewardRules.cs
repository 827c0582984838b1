// Mirrors rnow's two checks of an @reward function:
// - what `rnow run` refuses before upload, rnow/core/reward.py, validate_rewards_file (297-323): exactly two
//   parameters counted in ast.arguments.args, an annotation on each, a return annotation, and no constant return
//   outside [0, 1] (get_numeric_value 244-257 and check_return_values 259-279, which walk nested defs too);
// - what the decorator refuses when the trainer imports rewards.py, _validate_reward_signature (72-134, raised as
//   "Reward registration failed: ..." at 190-193): exactly two parameters of any kind, the first typed RewardArgs,
//   the second list (or list[...]), and the return float.
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Python;

namespace RlEnv.Core.Platforms.ReinforceNow;

internal static class ReinforceNowRewardRules
{
    /// <summary>
    /// Every finding for one reward: both layers when <c>rnow run</c> sees it (a bare <c>@reward</c>), the import's
    /// alone when only the import does (<c>@core.reward</c>).
    /// </summary>
    /// <param name="file">rewards.py, as displayed.</param>
    /// <param name="reward">The decorated def.</param>
    /// <param name="seenByRnowRun">Whether its decorator is one rnow run sees.</param>
    public static IEnumerable<Diagnostic> Check(string file, PythonFunction reward, bool seenByRnowRun) =>
        seenByRnowRun ? StaticLayer(file, reward).Concat(ImportLayer(file, reward, seenByRnowRun)) : ImportLayer(file, reward, seenByRnowRun);

    /// <summary>reward.py:297-323.</summary>
    /// <param name="file">rewards.py, as displayed.</param>
    /// <param name="reward">The decorated def.</param>
    public static IEnumerable<Diagnostic> StaticLayer(string file, PythonFunction reward)
    {
        var counted = Counted(reward);
        if (counted.Count != 2)
        {
            yield return DiagnosticCatalog.RnRewardParameterCount(file, reward.Name, counted.Count, reward.Line, reward.Column);
        }

        if (reward.ReturnAnnotation is null)
        {
            yield return DiagnosticCatalog.RnRewardReturnAnnotationMissing(file, reward.Name, reward.Line, reward.Column);
        }

        for (var i = 0; i < counted.Count; i++)
        {
            if (counted[i].Annotation is null)
            {
                yield return DiagnosticCatalog.RnRewardParameterHintMissing(file, reward.Name, counted[i].Name, i == 0 ? "RewardArgs" : "list", reward.Line, reward.Column);
            }
        }

        foreach (var returned in reward.Returns)
        {
            // The returned value itself, then both branches of `x if c else y` (reward.py:264-279).
            var values = returned.Value is PyConditional conditional ? [conditional.Body, conditional.OrElse] : new[] { returned.Value };
            foreach (var value in values.Select(Numeric).OfType<double>().Where(v => v is < 0.0 or > 1.0))
            {
                yield return DiagnosticCatalog.RnRewardConstantOutOfRange(file, reward.Name, value, returned.Line, returned.Column);
            }
        }
    }

    /// <summary>
    /// reward.py:85-134. Where the static layer ran, only what it lets through: the count of every parameter (a
    /// keyword-only one, *rest, **kwargs count here), a hint on a parameter it did not count, and the hints' types.
    /// A name RlEnv cannot place is never reported.
    /// </summary>
    /// <param name="file">rewards.py, as displayed.</param>
    /// <param name="reward">The decorated def.</param>
    /// <param name="staticLayerRan">Whether <see cref="StaticLayer"/> reported on it too.</param>
    public static IEnumerable<Diagnostic> ImportLayer(string file, PythonFunction reward, bool staticLayerRan)
    {
        var all = reward.Parameters;
        if (all.Count != 2)
        {
            // A wrong count the static layer already reports is one problem, not two.
            if (!staticLayerRan || Counted(reward).Count == 2)
            {
                yield return DiagnosticCatalog.RnRewardImportParameterCount(file, reward.Name, all.Select(p => p.Display), reward.Line, reward.Column);
            }

            yield break;
        }

        string[] expected = ["RewardArgs", "list"];
        for (var i = 0; i < 2; i++)
        {
            var parameter = all[i];
            if (parameter.Annotation is null)
            {
                if (!staticLayerRan || parameter.Kind != PythonParameterKind.Positional)
                {
                    yield return DiagnosticCatalog.RnRewardImportHintMissing(file, reward.Name, parameter.Name, expected[i], reward.Line, reward.Column);
                }
            }
            else if (i == 0 && ReinforceNowTypeHints.IsRewardArgs(parameter.Annotation) == HintVerdict.Refused)
            {
                yield return DiagnosticCatalog.RnRewardImportFirstType(file, reward.Name, parameter.Annotation.Text, reward.Line, reward.Column);
            }
            else if (i == 1 && ReinforceNowTypeHints.IsList(parameter.Annotation) == HintVerdict.Refused)
            {
                yield return DiagnosticCatalog.RnRewardImportSecondType(file, reward.Name, parameter.Annotation.Text, reward.Line, reward.Column);
            }
        }

        if (reward.ReturnAnnotation is null)
        {
            if (!staticLayerRan)
            {
                yield return DiagnosticCatalog.RnRewardImportReturnMissing(file, reward.Name, reward.Line, reward.Column);
            }
        }
        else if (ReinforceNowTypeHints.IsFloat(reward.ReturnAnnotation) == HintVerdict.Refused)
        {
            yield return DiagnosticCatalog.RnRewardImportReturnType(file, reward.Name, reward.ReturnAnnotation.Text, reward.Line, reward.Column);
        }
    }

    /// <summary><c>node.args.args</c>: positional-only, keyword-only, *args and **kwargs are not in it.</summary>
    private static List<PythonParameter> Counted(PythonFunction reward) => [.. reward.Parameters.Where(p => p.Kind == PythonParameterKind.Positional)];

    /// <summary>get_numeric_value: an int or float constant (True is 1), or unary minus on one; anything else has no value.</summary>
    private static double? Numeric(PythonExpression? value) => value switch
    {
        PyNumber number => number.Value,
        PyNegation { Operand: var operand } => -Numeric(operand),
        _ => null,
    };
}
