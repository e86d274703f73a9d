using BlazorChat.Core;
using BlazorChat.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddChatCore();
builder.AddChatWeb();

var app = builder.Build();

app.UseChatPipeline();
app.MapChatEndpoints();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
