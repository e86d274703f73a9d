using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Api;

/// <summary>Uploads sent with a message, and message search, through <c>/api/v1</c>.</summary>
public abstract class SearchAndUploadsThroughTheApi(ApiAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    private static async Task<HttpResponseMessage> UploadAsync(ApiClient client, Guid roomId, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.Http.PostAsync($"/api/v1/rooms/{roomId}/uploads", form);
    }

    private async Task<RoomView> CreateRoomAsync(ApiClient owner, bool isPrivate) =>
        await ApiClient.ReadAsync<RoomView>(
            await owner.PostAsync("/api/v1/rooms", new { name = $"Room {Guid.NewGuid():N}"[..12], isPrivate }), HttpStatusCode.Created);

    [Fact]
    public async Task An_upload_goes_with_a_message_that_may_have_no_text_and_outsiders_cannot_upload()
    {
        using var owner = await ApiClient.SignUpAsync(App, "uploader");
        using var outsider = await ApiClient.SignUpAsync(App, "outsider");
        var room = await CreateRoomAsync(owner, isPrivate: true);

        var uploaded = await ApiClient.ReadAsync<JsonElement>(await UploadAsync(owner, room.Id, "notes.txt", TestFiles.Text("minutes of the meeting")), HttpStatusCode.Created);
        uploaded.GetProperty("fileName").GetString().ShouldBe("notes.txt");
        var sent = await ApiClient.ReadAsync<JsonElement>(await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages",
            new { attachmentIds = new[] { uploaded.GetProperty("id").GetGuid() } }), HttpStatusCode.Created);
        sent.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem().GetProperty("fileName").GetString().ShouldBe("notes.txt");

        await ApiClient.ProblemAsync(await UploadAsync(owner, room.Id, "holiday.png", TestFiles.Text("not a picture")), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await UploadAsync(outsider, room.Id, "sneaky.txt", TestFiles.Text("let me in")), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = "" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Search_finds_what_the_searcher_may_read_and_explains_what_it_cannot_use()
    {
        using var owner = await ApiClient.SignUpAsync(App, "searcher");
        using var outsider = await ApiClient.SignUpAsync(App, "outsider");
        var word = $"zebracorn{Guid.NewGuid():N}"[..20];
        var room = await CreateRoomAsync(owner, isPrivate: true);
        await owner.PostAsync($"/api/v1/rooms/{room.Id}/messages", new { body = $"the {word} plan" });

        var found = await owner.GetOkAsync<JsonElement>($"/api/v1/search?q={word}");
        found.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("snippet").GetProperty("parts")
            .EnumerateArray().ShouldContain(p => p.GetProperty("isMatch").GetBoolean() && p.GetProperty("text").GetString() == word);
        (await outsider.GetOkAsync<JsonElement>($"/api/v1/search?q={word}")).GetProperty("items").GetArrayLength().ShouldBe(0);

        var explained = await owner.GetOkAsync<JsonElement>($"/api/v1/search?q={word}%20colour:blue");
        explained.GetProperty("problems").EnumerateArray().ShouldContain(p => p.GetString()!.Contains("colour:"));
        await ApiClient.ProblemAsync(await owner.GetAsync($"/api/v1/search?q={word}&order=sideways"), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await owner.GetAsync($"/api/v1/search?q={word}&timeZone=Mars/Olympus"), HttpStatusCode.BadRequest);
        await ApiClient.ProblemAsync(await owner.GetAsync("/api/v1/search?q="), HttpStatusCode.BadRequest);
    }
}

public sealed class SearchAndUploadsThroughTheApi_on_Sqlite(SqliteApiApp fixture) : SearchAndUploadsThroughTheApi(fixture), IClassFixture<SqliteApiApp>;

public sealed class SearchAndUploadsThroughTheApi_on_Postgres(PostgresApiApp fixture) : SearchAndUploadsThroughTheApi(fixture), IClassFixture<PostgresApiApp>;
