using System.Globalization;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Packing;

/// <summary>SOURCE_DATE_EPOCH (reproducible-builds.org): the mtime stamped on every entry; 0 when unset.</summary>
public static class SourceDateEpoch
{
    public const string VariableName = "SOURCE_DATE_EPOCH";

    public static DateTime Resolve(string? value, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DateTime.UnixEpoch;
        }

        // The tar mtime field holds 11 octal digits; later dates would need a PAX record.
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 0x1_FFFF_FFFF)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCatalog.InvalidSourceDateEpoch.Code, null,
                $"{VariableName}='{value}' is not a whole number of seconds since 1970-01-01 (at most 8589934591)."));
            return DateTime.UnixEpoch;
        }

        return DateTime.UnixEpoch.AddSeconds(seconds);
    }
}
