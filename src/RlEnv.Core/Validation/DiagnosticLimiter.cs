using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>
/// Keeps the first N diagnostics per code for one file and counts the rest, so a file broken on every
/// line yields a readable report and bounded memory. Blocks validated in parallel each get one; they
/// merge in file order.
/// </summary>
public sealed class DiagnosticLimiter(int limit)
{
    private readonly Dictionary<string, (List<Diagnostic> Kept, long Total)> _byCode = new(StringComparer.Ordinal);

    public void Add(Diagnostic diagnostic)
    {
        if (!_byCode.TryGetValue(diagnostic.Code, out var entry))
        {
            entry = ([], 0);
        }

        if (entry.Kept.Count < limit)
        {
            entry.Kept.Add(diagnostic);
        }

        _byCode[diagnostic.Code] = (entry.Kept, entry.Total + 1);
    }

    public void MergeFrom(DiagnosticLimiter later)
    {
        foreach (var (code, (kept, total)) in later._byCode)
        {
            foreach (var diagnostic in kept)
            {
                Add(diagnostic);
            }

            var (mine, mineTotal) = _byCode[code];
            _byCode[code] = (mine, mineTotal + total - kept.Count);
        }
    }

    /// <summary>Whether nothing has been reported to it.</summary>
    public bool IsEmpty => _byCode.Count == 0;

    public void FlushTo(DiagnosticBag bag, string file)
    {
        foreach (var (code, (kept, total)) in _byCode.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var diagnostic in kept)
            {
                bag.Add(diagnostic);
            }

            if (total > kept.Count)
            {
                bag.Add(DiagnosticCatalog.MoreDiagnosticsOmitted(file, code, total, kept.Count));
            }
        }
    }
}
