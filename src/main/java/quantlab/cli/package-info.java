/** The {@code quantlab} command line: the launcher's subcommands, built with picocli. */
package quantlab.cli;
