using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Skiff.Server.Store;

/// <summary>
/// Brings a store written by an earlier Skiff up to the current model. <c>EnsureCreated</c> makes a
/// new database whole but adds nothing to an existing one, so this adds what is missing: tables and
/// indexes (the model's create script, run with <c>IF NOT EXISTS</c>), columns (<c>ALTER TABLE ADD
/// COLUMN</c>, with the type's zero as default for required ones) and the indexes only SQL can say.
/// Additive only: nothing is renamed, rewritten or dropped, so every stored environment keeps its
/// name and data.
/// </summary>
internal static class StoreSchema
{
    /// <summary>
    /// One pull request, one environment and one name: both are found by repository (any case, as on
    /// GitHub) and number, and no second row can claim the same pull request. Then every PR
    /// environment of an older store is entered in the name registry under the name it has.
    /// </summary>
    private static readonly string[] PullRequestStatements =
    [
        "CREATE UNIQUE INDEX IF NOT EXISTS \"IX_Environments_PullRequest\" ON \"Environments\" (\"Repository\" COLLATE NOCASE, \"PullRequest\") WHERE \"Repository\" IS NOT NULL",
        "CREATE UNIQUE INDEX IF NOT EXISTS \"IX_PullRequestNames_PullRequest\" ON \"PullRequestNames\" (\"Repository\" COLLATE NOCASE, \"PullRequest\")",
        """
        INSERT INTO "PullRequestNames" ("Name", "Repository", "PullRequest", "GivenAt")
        SELECT "Name", "Repository", "PullRequest", "CreatedAt" FROM "Environments"
        WHERE "Repository" IS NOT NULL AND "PullRequest" IS NOT NULL
        ON CONFLICT DO NOTHING
        """,
    ];

    public static async Task UpgradeAsync(SkiffDbContext db, CancellationToken cancellationToken)
    {
        foreach (var statement in CreateStatements(db))
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        foreach (var entity in db.Model.GetEntityTypes())
            await AddMissingColumnsAsync(db, entity, cancellationToken);
        foreach (var statement in PullRequestStatements)
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }

    private static IEnumerable<string> CreateStatements(SkiffDbContext db) =>
        db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s
                .Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal));

    private static async Task AddMissingColumnsAsync(SkiffDbContext db, IEntityType entity, CancellationToken cancellationToken)
    {
        if (entity.GetTableName() is not { } table)
            return;
        var existing = await ColumnsAsync(db, table, cancellationToken);
        var storeObject = StoreObjectIdentifier.Table(table, entity.GetSchema());
        foreach (var property in entity.GetProperties())
        {
            if (property.GetColumnName(storeObject) is not { } column || existing.Contains(column))
                continue;
            var type = property.GetColumnType();
            var definition = property.IsNullable ? type : $"{type} NOT NULL DEFAULT {ZeroOf(type)}";
#pragma warning disable EF1002 // Names come from the model, not from input.
            await db.Database.ExecuteSqlRawAsync($"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {definition}", cancellationToken);
#pragma warning restore EF1002
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(SkiffDbContext db, string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(cancellationToken);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            columns.Add(reader.GetString(0));
        return columns;
    }

    private static string ZeroOf(string type) =>
        type.Contains("INT", StringComparison.OrdinalIgnoreCase) || type.Contains("REAL", StringComparison.OrdinalIgnoreCase) ? "0" : "''";
}
