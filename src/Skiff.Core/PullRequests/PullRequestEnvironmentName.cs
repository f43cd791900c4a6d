using Skiff.Core.Hashing;
using Skiff.Core.Naming;

namespace Skiff.Core.PullRequests;

/// <summary>
/// The names a pull request's environment may get, DNS labels of at most 63 characters:
/// <c>&lt;repo&gt;-pr-&lt;n&gt;</c> while no other served repository has the same name,
/// <c>&lt;owner&gt;-&lt;repo&gt;-pr-&lt;n&gt;</c> otherwise, and as a last resort the owner form with a
/// short hash of the full name (also used whenever a name has to be cut to fit). The store gives a
/// pull request the first candidate nobody holds and keeps it for the pull request's life.
/// </summary>
public static class PullRequestEnvironmentName
{
    private const int HashLength = 6;

    /// <param name="fullName"><c>owner/name</c> as GitHub spells it.</param>
    /// <param name="ownerQualified">True when another served repository has the same name (see <see cref="NeedsOwner"/>).</param>
    public static IReadOnlyList<string> Candidates(string fullName, long number, bool ownerQualified)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        var (owner, name) = Split(fullName);
        var suffix = $"-pr-{number}";
        var candidates = new List<string>(3);
        if (!ownerQualified)
            candidates.Add(Fit(name, suffix, fullName));
        candidates.Add(Fit($"{owner}-{name}", suffix, fullName));
        candidates.Add(Hashed($"{owner}-{name}", suffix, fullName));
        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when another of the served repositories has a name that becomes the same label as <paramref name="fullName"/>'s.</summary>
    public static bool NeedsOwner(string fullName, IEnumerable<string> servedFullNames)
    {
        var label = DnsLabel.Sanitize(Split(fullName).Name);
        return servedFullNames.Any(other =>
            !string.Equals(other, fullName, StringComparison.OrdinalIgnoreCase) && DnsLabel.Sanitize(Split(other).Name) == label);
    }

    /// <summary>The label of <paramref name="text"/> and the suffix; cut, with the hash, when too long.</summary>
    private static string Fit(string text, string suffix, string fullName)
    {
        var label = DnsLabel.Sanitize(text);
        return label.Length + suffix.Length <= DnsLabel.MaxLength ? label + suffix : Hashed(text, suffix, fullName);
    }

    private static string Hashed(string text, string suffix, string fullName)
    {
        var hash = ContentHash.OfText(fullName.ToLowerInvariant())[..HashLength];
        var room = DnsLabel.MaxLength - suffix.Length - HashLength - 1;
        var label = DnsLabel.Sanitize(text);
        if (label.Length > room)
            label = label[..room].TrimEnd('-');
        return $"{label}-{hash}{suffix}";
    }

    private static (string Owner, string Name) Split(string fullName)
    {
        var slash = fullName.IndexOf('/');
        if (slash <= 0 || slash == fullName.Length - 1)
            throw new ArgumentException($"'{fullName}' is not owner/name", nameof(fullName));
        return (fullName[..slash], fullName[(slash + 1)..]);
    }
}
