namespace Skiff.Server.Sources;

/// <summary>Where <see cref="GitSource"/> keeps its caches and how long git may take.</summary>
public sealed record GitSourceOptions
{
    /// <summary>SKIFF_HOME: caches go to <c>git/&lt;owner&gt;/&lt;name&gt;.git</c>, trees to <c>checkouts/&lt;owner&gt;/&lt;name&gt;/&lt;sha&gt;</c>.</summary>
    public required string Home { get; init; }

    /// <summary>The longest one <c>git fetch</c> may run before it is killed.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest any other git command (init, read-tree, checkout-index, gc) may run.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The git program: a name found on PATH or an absolute path.</summary>
    public string GitExecutable { get; init; } = "git";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
