using Skiff.Core.Environments;

namespace Skiff.Server.Serving;

/// <summary>The URLs environments get, known once the server has bound its port.</summary>
public sealed class ServerUrls(string baseDomain)
{
    private volatile EnvironmentUrls _current = new(baseDomain);

    public EnvironmentUrls Current => _current;

    public void Bind(Uri listening) => _current = new EnvironmentUrls(baseDomain, listening.Scheme, listening.IsDefaultPort ? null : listening.Port);
}
