using Skiff.Core.Naming;

namespace Skiff.Core.PullRequests;

/// <summary>A pull request's environment name: <c>&lt;repo&gt;-pr-&lt;number&gt;</c>, a DNS label of at most 63 characters.</summary>
public static class PullRequestEnvironmentName
{
    public static string For(string repositoryName, long number)
    {
        var suffix = $"-pr-{number}";
        var name = DnsLabel.Sanitize(repositoryName);
        if (name.Length + suffix.Length > DnsLabel.MaxLength)
            name = name[..(DnsLabel.MaxLength - suffix.Length)].TrimEnd('-');
        return name + suffix;
    }
}
