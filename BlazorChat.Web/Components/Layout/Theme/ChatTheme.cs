using MudBlazor;

namespace BlazorChat.Web.Components.Layout.Theme;

/// <summary>
/// The one MudBlazor theme of the app: a light and a dark palette, the system font stack (a
/// self-hosted server loads no web font), and slightly rounder corners than Material's default.
/// Chat surfaces of our own take their colours from the same palette through MudBlazor's
/// <c>--mud-palette-*</c> CSS variables, so everything follows the theme.
/// </summary>
public static class ChatTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif", "Apple Color Emoji", "Segoe UI Emoji"];

    /// <summary>The theme every page renders with.</summary>
    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4a3aa8",
            Secondary = "#0f766e",
            Tertiary = "#b45309",
            AppbarBackground = "#3f2f8f",
            AppbarText = "#ffffff",
            Background = "#ffffff",
            Surface = "#ffffff",
            DrawerBackground = "#f5f4f8",
            DrawerText = "#1d1c22",
            TextPrimary = "#1d1c22",
            TextSecondary = "#5b5966",
            LinesDefault = "#dedbe6",
            Divider = "#e6e3ec",
            Error = "#c62828",
            Warning = "#a15c00",
            Info = "#1565c0",
            Success = "#2e7d32",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#b3a6ff",
            PrimaryContrastText = "#1b1530",
            Secondary = "#5eead4",
            SecondaryContrastText = "#06201c",
            Tertiary = "#fbbf24",
            AppbarBackground = "#2b2347",
            AppbarText = "#ffffff",
            Background = "#1a1d21",
            Surface = "#222529",
            DrawerBackground = "#19171d",
            DrawerText = "#e8e6ee",
            TextPrimary = "#e8e6ee",
            TextSecondary = "#b2afbd",
            LinesDefault = "#3b3e45",
            Divider = "#34373d",
            Error = "#ff8a80",
            ErrorContrastText = "#2b0000",
            Warning = "#ffb74d",
            WarningContrastText = "#2b1700",
            Info = "#90caf9",
            InfoContrastText = "#001a33",
            Success = "#81c784",
            SuccessContrastText = "#062b08",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = ".9375rem", LineHeight = "1.45" },
            Button = new ButtonTypography { FontFamily = FontStack, TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
