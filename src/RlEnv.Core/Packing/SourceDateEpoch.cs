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
            diagnostics.Add(DiagnosticCatalog.SourceDateEpochNotSeconds(value));
            return DateTime.UnixEpoch;
        }

        return DateTime.UnixEpoch.AddSeconds(seconds);
    }
}
