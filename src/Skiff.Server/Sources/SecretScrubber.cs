using System.Text.RegularExpressions;

namespace Skiff.Server.Sources;

/// <summary>Removes a token, and any <c>user:password@</c> of a URL, from text meant for messages and logs.</summary>
internal static partial class SecretScrubber
{
    public const string Mask = "***";

    public static string Scrub(string text, string? token)
    {
        if (!string.IsNullOrEmpty(token))
            text = text.Replace(token, Mask, StringComparison.Ordinal);
        return UserInfo().Replace(text, "$1" + Mask + "@");
    }

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UserInfo();
}
