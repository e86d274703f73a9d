using BlazorChat.Core.Data;

namespace BlazorChat.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the app's context on Sqlite.</summary>
public sealed class DesignTimeFactory() : ChatDesignTimeDbContextFactory(DatabaseProvider.Sqlite);
