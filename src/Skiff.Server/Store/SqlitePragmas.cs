using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Skiff.Server.Store;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=NORMAL</c> (with WAL, commits skip an fsync; a
/// power cut may lose the last transactions but never corrupts the store) and a busy timeout so
/// concurrent writers wait instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
