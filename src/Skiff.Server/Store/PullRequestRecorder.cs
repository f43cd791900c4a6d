using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Skiff.Core.Environments;
using Skiff.Core.PullRequests;

namespace Skiff.Server.Store;

/// <summary>
/// Records a pull request webhook in one short transaction: the delivery (so a redelivery is a
/// duplicate), the desired state of the PR's environment, and an event in its history. This is
/// the hot path of webhook ingest, so it is three plain SQL statements rather than tracked
/// entities; one writer at a time.
/// </summary>
public sealed class PullRequestRecorder(IDbContextFactory<SkiffDbContext> contexts, TimeProvider time)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<(TriggerOutcome Outcome, long? Generation)> RecordAsync(PullRequestTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

            var inserted = await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO Deliveries (Id, ReceivedAt, Event) VALUES ($id, $at, $event) ON CONFLICT(Id) DO NOTHING",
                ("$id", trigger.DeliveryId), ("$at", now), ("$event", $"pull_request.{trigger.Action}"));
            if (inserted == 0)
                return (TriggerOutcome.Duplicate, null);

            long? generation = trigger.Decision.Verdict == PullRequestVerdict.Deploy
                ? await ScalarAsync(connection, transaction, cancellationToken, UpsertRunning,
                    ("$name", trigger.Environment), ("$clone", trigger.CloneUrl), ("$running", nameof(DesiredState.Running)),
                    ("$pending", nameof(EnvironmentPhase.Pending)), ("$now", now), ("$repository", trigger.Repository),
                    ("$number", trigger.Number), ("$sha", trigger.HeadSha), ("$author", trigger.Author), ("$title", trigger.Title),
                    ("$fork", trigger.FromFork))
                : await ScalarAsync(connection, transaction, cancellationToken, MarkAbsent,
                    ("$name", trigger.Environment), ("$absent", nameof(DesiredState.Absent)), ("$deleting", nameof(EnvironmentPhase.Deleting)), ("$now", now));

            if (generation is not null)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "INSERT INTO Events (EnvironmentName, At, Kind, Message) VALUES ($name, $at, 'webhook', $message)",
                    ("$name", trigger.Environment), ("$at", now),
                    ("$message", $"pull_request.{trigger.Action} at {trigger.HeadSha[..Math.Min(7, trigger.HeadSha.Length)]} (delivery {trigger.DeliveryId}): {trigger.Decision.Verdict.ToString().ToLowerInvariant()}, {trigger.Decision.Reason}"));
            }
            await transaction.CommitAsync(cancellationToken);
            return (generation is null ? TriggerOutcome.NothingToDo : TriggerOutcome.Recorded, generation);
        }
        finally
        {
            _writer.Release();
        }
    }

    private const string UpsertRunning = """
        INSERT INTO Environments (Name, SourceKind, SourcePath, Desired, Phase, Generation, ObservedGeneration, CreatedAt, UpdatedAt,
                                  ServicesJson, WarningsJson, Repository, PullRequest, HeadSha, Author, Title, FromFork, ReservedMemoryBytes)
        VALUES ($name, 'git', $clone, $running, $pending, 1, 0, $now, $now, '[]', '[]', $repository, $number, $sha, $author, $title, $fork, 0)
        ON CONFLICT(Name) DO UPDATE SET
            SourceKind = 'git', SourcePath = excluded.SourcePath, Desired = excluded.Desired, Phase = excluded.Phase,
            Generation = Generation + 1, UpdatedAt = excluded.UpdatedAt, Repository = excluded.Repository,
            PullRequest = excluded.PullRequest, HeadSha = excluded.HeadSha, Author = excluded.Author,
            Title = excluded.Title, FromFork = excluded.FromFork
        RETURNING Generation
        """;

    /// <summary>Only an environment that exists and is not already going away changes; otherwise no row, and nothing to do.</summary>
    private const string MarkAbsent = """
        UPDATE Environments SET Desired = $absent, Phase = $deleting, Generation = Generation + 1, UpdatedAt = $now
        WHERE Name = $name AND Desired <> $absent
        RETURNING Generation
        """;

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
