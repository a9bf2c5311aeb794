# Press tab after the words in $1 in an interactive zsh (on a pseudo-terminal, as a user
# would) with `ainews completion zsh` loaded, and print each candidate as "HIT=<word>"
# (written HI""T in the command, so the terminal's echo of it never looks like a hit).
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PROMPT=""; autoload -U compinit; compinit -u -D; source <(ainews completion zsh)'
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; print -rl -- "${(@)__hits/#/HI""T=}"; builtin compadd "$@" }'
zpty -w -n z "$1"$'\t'
integer tries=0 quiet=0
out=""
# Read until candidates have come and the terminal has been quiet for 0.4 s (or 20 s):
# each completion adds its candidates in one compadd call, printed at once.
while (( tries++ < 200 && quiet < 4 )); do
  if zpty -r -t z line; then
    out+="$line"
    quiet=0
  else
    [[ $out == *HIT=* ]] && (( quiet++ ))
    sleep 0.1
  fi
done
print -r -- "$out"
zpty -d z
