# Press tab after the words in $1 in an interactive zsh (on a pseudo-terminal, as a user
# would) with `ainews completion zsh` loaded, and print each candidate as "HIT=<word>"
# (written HI""T in the command, so the terminal's echo of it never looks like a hit).
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PROMPT=""; autoload -U compinit; compinit -u -D; source <(ainews completion zsh)'
zpty -w z 'compadd () { builtin compadd -O __hits "$@"; print -rl -- "${(@)__hits/#/HI""T=}"; builtin compadd "$@" }'
zpty -w -n z "$1"$'\t'
# Read until the candidates come (or 20 s pass), then clear the line and print a marker:
# zsh reads those keys only once the completion has run, so the marker (written EN""D in
# the command, like HIT) comes after every candidate. Sent earlier, the keys would be
# typeahead, and zsh completes nothing while keys are waiting.
integer polls=0 sent=0
out=""
while (( polls < 400 )) && [[ $out != *END* ]]; do
  if zpty -r -t z line; then
    out+="$line"
    if (( !sent )) && [[ $out == *HIT=* ]]; then
      zpty -w z $'\x15print -r -- EN""D'
      sent=1
    fi
  else
    (( polls++ ))
    sleep 0.05
  fi
done
print -r -- "$out"
zpty -d z
