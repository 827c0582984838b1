using System.Text.Json;

namespace RlEnv.Core.Publishing.Oci;

internal static class OciManifests
{
    /// <summary>The manifest, or null when the bytes are not one (a crafted registry may serve anything).</summary>
    public static OciManifest? TryParse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, OciJsonContext.Default.OciManifest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
