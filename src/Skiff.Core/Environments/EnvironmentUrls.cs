namespace Skiff.Core.Environments;

/// <summary>
/// The host names environments answer on: <c>&lt;env&gt;.&lt;base-domain&gt;</c> for the public
/// service and <c>&lt;service&gt;--&lt;env&gt;.&lt;base-domain&gt;</c> for any other service.
/// </summary>
/// <param name="BaseDomain">Such as <c>localhost</c> or <c>preview.example.com</c>.</param>
/// <param name="Scheme">http or https.</param>
/// <param name="Port">The port browsers use, or null for the scheme's default.</param>
public sealed record EnvironmentUrls(string BaseDomain, string Scheme = "http", int? Port = null)
{
    public const string ServiceSeparator = "--";

    public string PublicHost(string environment) => $"{environment}.{BaseDomain}";

    public string ServiceHost(string environment, string service) => $"{service}{ServiceSeparator}{environment}.{BaseDomain}";

    public string PublicUrl(string environment) => Url(PublicHost(environment));

    public string ServiceUrl(string environment, string service) => Url(ServiceHost(environment, service));

    /// <summary>Splits a request host (without port) into environment and service (null for the public one); false for hosts outside the base domain.</summary>
    public bool TryParseHost(string host, out string environment, out string? service)
    {
        environment = "";
        service = null;
        var suffix = "." + BaseDomain;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || host.Length == suffix.Length)
            return false;
        var label = host[..^suffix.Length].ToLowerInvariant();
        if (label.Contains('.'))
            return false;
        var separator = label.IndexOf(ServiceSeparator, StringComparison.Ordinal);
        if (separator > 0)
        {
            service = label[..separator];
            environment = label[(separator + ServiceSeparator.Length)..];
        }
        else
        {
            environment = label;
        }
        return environment.Length > 0;
    }

    private string Url(string host) => Port is { } port ? $"{Scheme}://{host}:{port}/" : $"{Scheme}://{host}/";
}
