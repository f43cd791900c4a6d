using Microsoft.Extensions.Options;
using Skiff.Core.Naming;

namespace Skiff.Server.Configuration;

/// <summary>
/// Checks the server's options once, at start, whatever set them (skiff-server.yaml, flags,
/// <c>SKIFF_*</c> variables, a test): the server does not start with options it cannot honour,
/// and says every problem in one line.
/// </summary>
public sealed class SkiffServerOptionsValidator : IValidateOptions<SkiffServerOptions>
{
    public ValidateOptionsResult Validate(string? name, SkiffServerOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(SkiffServerOptions options)
    {
        if (!Path.IsPathFullyQualified(options.Home))
            yield return $"home: '{options.Home}' is not an absolute path (SKIFF_HOME)";
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
            yield return $"listen: '{options.Listen}' is not an absolute http:// or https:// address";
        if (!IsHostName(options.BaseDomain))
            yield return $"baseDomain: '{options.BaseDomain}' is not a host name (DNS labels joined by dots, such as preview.example.com)";
        if (!SkiffServerOptions.Runtimes.Contains(options.Runtime))
            yield return $"runtime: '{options.Runtime}' is not a runtime this server knows (expected {string.Join(" or ", SkiffServerOptions.Runtimes)})";
        if (options.MaxConcurrentDeploys is < 1 or > 64)
            yield return $"maxConcurrentDeploys: {options.MaxConcurrentDeploys} is not a whole number from 1 to 64";
        if (options.Repositories.GroupBy(r => r.FullName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            yield return $"repositories: {twice.Key} is listed twice";
        var lifetimes = options.Lifetimes;
        if (lifetimes.Ttl <= TimeSpan.Zero || lifetimes.Idle <= TimeSpan.Zero || lifetimes.TtlWarning < TimeSpan.Zero)
            yield return "environments: ttl and idle must be positive and ttlWarning not negative";
        if (lifetimes.MaxTtl < lifetimes.Ttl)
            yield return $"environments: maxTtl ({lifetimes.MaxTtl}) is shorter than ttl ({lifetimes.Ttl})";
        if (options.Janitor.Interval <= TimeSpan.Zero)
            yield return "janitor.interval must be positive";
    }

    private static bool IsHostName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 253 && name.Split('.').All(DnsLabel.IsValid);
}

/// <summary>
/// The options pattern over options built before the host (a record with init-only values): the
/// factory hands out that one instance, and the framework runs its validators on it at start
/// (<c>ValidateOnStart</c>).
/// </summary>
internal sealed class GivenOptionsFactory<TOptions>(TOptions given, IEnumerable<IValidateOptions<TOptions>> validators)
    : OptionsFactory<TOptions>([], [], validators) where TOptions : class
{
    protected override TOptions CreateInstance(string name) => given;
}
